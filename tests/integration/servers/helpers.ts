// Shared bits for the server tests: definitions for fixtures and real servers, and waiting on state.
import path from 'node:path';
import type { ServerDefinition } from '../../../app/config/serverDefinition.ts';
import type { ServerConnection, ServerConnectionOptions } from '../../../app/servers/serverConnection.ts';
import type { ConnectionStateKind, LogLine } from '../../../app/api/views.ts';
import { eventually } from '../../support/eventually.ts';
import { fixturesDir, nodeBin } from '../../support/paths.ts';

export const hostEnv: Record<string, string | undefined> = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
};

export const fastOptions: ServerConnectionOptions = {
  env: hostEnv,
  initTimeoutMs: 20_000,
  autoRestart: false,
  stopGraceMs: 1_000,
};

export function stdio(name: string, script: string, args: string[] = [], extra: Partial<ServerDefinition> = {}): ServerDefinition {
  return {
    name,
    transport: { kind: 'stdio', command: nodeBin, args: [script, ...args], env: {} },
    disabled: false,
    disabledTools: [],
    ...extra,
  };
}

export function fixture(name: string, file: string, args: string[] = [], extra: Partial<ServerDefinition> = {}): ServerDefinition {
  return stdio(name, path.join(fixturesDir, file), args, extra);
}

export function remote(name: string, kind: 'http' | 'sse' | 'auto', url: string, headers: Record<string, string> = {}): ServerDefinition {
  return { name, transport: { kind, url, headers }, disabled: false, disabledTools: [] };
}

/** Resolves when `check` holds after a change (or already holds). */
export function waitUntil(conn: ServerConnection, check: () => boolean, what: string, ms = 20_000): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`Timed out waiting for ${what}; state: ${JSON.stringify(conn.state())}`));
    }, ms);
    const off = conn.onChange(() => {
      if (!check()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

export function waitForState(conn: ServerConnection, kind: ConnectionStateKind, ms?: number): Promise<void> {
  return waitUntil(conn, () => conn.state().kind === kind, `state ${kind}`, ms);
}

export function textOf(result: { content?: unknown }): string {
  const content = (result.content ?? []) as { type: string; text?: string }[];
  return content.map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join('');
}

/** Resolves when a log line matching `match` is (or was already) written. */
export function waitForLog(conn: ServerConnection, match: (line: LogLine) => boolean, ms = 20_000): Promise<void> {
  if (conn.logs().some(match)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('Timed out waiting for a log line'));
    }, ms);
    const off = conn.onLog((line) => {
      if (!match(line)) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** Polls `check` (for facts that change without an event, like a pid appearing). */
export async function poll(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  await eventually(check, what, { timeoutMs: ms, everyMs: 20 });
}
