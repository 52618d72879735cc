// A server's status as a person reads it: one word, one colour token, one line of detail.
import type { ServerView } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';
import { plural } from '../../ui/format.ts';

export type StatusWord = 'connecting' | 'reconnecting' | 'ready' | 'error' | 'stopped' | 'disabled' | 'needs approval' | 'needs sign-in';

/** The CSS class suffix of a status word (no spaces). */
export function statusClass(status: StatusWord): string {
  return status.replace(/ /g, '-');
}

export function statusOf(server: Pick<ServerView, 'disabled' | 'state' | 'launch'>): StatusWord {
  if (server.disabled) return 'disabled';
  if (server.launch.approved === false) return 'needs approval';
  const state = server.state;
  switch (state.kind) {
    case 'starting':
      return 'connecting';
    case 'ready':
      return 'ready';
    case 'reconnecting':
      return 'reconnecting';
    case 'error':
      return 'error';
    case 'needs-sign-in':
      return 'needs sign-in';
    case 'stopped':
      return 'stopped';
    default:
      return assertNever(state);
  }
}

export function statusDetail(server: ServerView): string {
  if (server.disabled) return 'Turned off. Enable it to start it.';
  if (!server.launch.approved) return server.launch.target === 'url' ? 'Waiting for you to approve its URL' : 'Waiting for you to approve what it runs';
  const state = server.state;
  switch (state.kind) {
    case 'starting':
      return state.attempt > 1 ? `Connecting (attempt ${state.attempt})…` : 'Connecting…';
    case 'ready': {
      const enabled = server.tools.filter((t) => t.enabled && !t.skippedReason).length;
      return `${enabled} of ${plural(server.tools.length, 'tool')} enabled`;
    }
    case 'reconnecting':
      return state.retryAt === undefined
        ? `Lost the connection; reconnecting now (attempt ${state.attempt})…`
        : `Lost the connection; reconnecting (attempt ${state.attempt})`;
    case 'error':
      return state.needsAuth ? 'Needs credentials' : state.message;
    case 'needs-sign-in':
      return `Sign in to ${state.authorizationHost}`;
    case 'stopped':
      return state.reason ?? 'Not running';
    default:
      return assertNever(state);
  }
}

export function enabledToolCount(server: ServerView): number {
  if (server.disabled || server.state.kind !== 'ready') return 0;
  return server.tools.filter((t) => t.enabled && !t.skippedReason).length;
}

export function describeEntry(server: ServerView): string {
  const entry = server.entry;
  if (entry.transport === 'stdio') return [entry.command, ...entry.args].join(' ');
  return entry.url;
}
