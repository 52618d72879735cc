// A tool call that fails with -32042 (URL elicitation required) shows each URL the way URL elicitations are
// shown, waits until the server says the step is complete (or a bounded wait passes), and runs the call once more.
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/client';
import type { StopSignal } from '../base/callStop.ts';
import type { EventHub } from '../base/eventHub.ts';
import { URL_STEP_WAIT_MS } from '../base/timeouts.ts';
import type { ToolInvoker } from '../routing/toolCaller.ts';
import type { Elicitations } from './elicitations.ts';

interface UrlStep {
  url: string;
  elicitationId: string;
  message: string;
}

function urlSteps(error: unknown): UrlStep[] | undefined {
  for (let e: unknown = error, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof ProtocolError && e.code === ProtocolErrorCode.UrlElicitationRequired) {
      const list = (e.data as { elicitations?: unknown } | undefined)?.elicitations;
      if (!Array.isArray(list)) return undefined;
      const steps = list.filter(
        (x): x is UrlStep => !!x && typeof x === 'object' && typeof (x as UrlStep).url === 'string' && typeof (x as UrlStep).elicitationId === 'string',
      );
      return steps.length > 0 ? steps.slice(0, 5) : undefined;
    }
  }
  return undefined;
}

function completion(events: EventHub, server: string, elicitationId: string, signal: StopSignal, waitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      off();
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const off = events.on('elicitation.completed', (e) => {
      if (e.server === server && e.elicitationId === elicitationId) done();
    });
    const timer = setTimeout(done, waitMs);
    timer.unref?.();
    signal.addEventListener('abort', done, { once: true });
  });
}

export function retryAfterUrlSteps(invoke: ToolInvoker, deps: { elicitations: Elicitations; events: EventHub; waitMs?: number }): ToolInvoker {
  return async (server, tool, args, opts) => {
    try {
      return await invoke(server, tool, args, opts);
    } catch (error) {
      const steps = urlSteps(error);
      if (!steps || opts.signal.aborted) throw error;
      for (const step of steps) {
        const completed = completion(deps.events, server, step.elicitationId, opts.signal, deps.waitMs ?? URL_STEP_WAIT_MS);
        const answer = await deps.elicitations.handle(server, { mode: 'url', ...step }, opts.signal);
        if (answer.action !== 'accept') {
          throw new Error(
            `\`${tool}\` on \`${server}\` needs you to finish a step at ${new URL(step.url).host} first; you ${answer.action === 'decline' ? 'declined' : 'cancelled'} it.`,
            { cause: error },
          );
        }
        await completed;
      }
      if (opts.signal.aborted) throw error;
      return invoke(server, tool, args, opts);
    }
  };
}
