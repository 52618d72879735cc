// A ready remote server that dies is seen within seconds, shown as reconnecting, and comes back by itself.
import { afterEach, describe, expect, it } from 'vitest';
import { ServerConnection } from '../../../app/servers/serverConnection.ts';
import { startEraServer } from '../../fixtures/eraServer.ts';
import { eventually } from '../../support/eventually.ts';
import { startEverythingHttp, startEverythingSse, type LocalMcpHttp } from '../../support/everythingHttp.ts';
import { fastOptions, remote, textOf, waitForState } from './helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const transports: [string, 'http' | 'sse', (port?: number) => Promise<LocalMcpHttp>][] = [
  ['Streamable HTTP', 'http', startEverythingHttp],
  ['legacy SSE', 'sse', startEverythingSse],
];

describe.each(transports)('a remote server over %s that dies', (_label, kind, start) => {
  it('is shown as reconnecting with the reason within seconds, fails calls readably meanwhile, and recovers on the same port', async () => {
    let server = await start();
    cleanups.push(() => server.close());
    const port = Number(new URL(server.url).port);
    // The keep-alive tick is far away: what notices the death here is the stream closing.
    const conn = new ServerConnection(remote('far', kind, server.url), {
      ...fastOptions,
      autoRestart: true,
      backoff: { baseMs: 400, capMs: 1_000 },
      random: () => 1,
      liveness: { intervalMs: 600_000 },
    });
    cleanups.push(() => conn.stop());
    await conn.start();
    expect(conn.state().kind).toBe('ready');

    await server.close();
    // Without liveness the row stayed "ready" for over a minute; the deadline is generous for a loaded machine.
    await waitForState(conn, 'reconnecting', 15_000);
    const state = conn.state();
    if (state.kind !== 'reconnecting') throw new Error('expected reconnecting');
    expect(state.reason).toMatch(/`far`/);
    expect(state.reason).not.toMatch(/^fetch failed$/);

    const failed = await conn.callTool('echo', { message: 'meanwhile' }, { timeoutMs: 10_000 }).then(
      () => 'succeeded',
      (e: Error) => e.message,
    );
    expect(failed).toMatch(/`echo`.*`far`|`far`.*`echo`/);
    expect(failed).toMatch(/reconnecting/);
    expect(failed).not.toMatch(/fetch failed/);

    server = await start(port);
    await waitForState(conn, 'ready', 20_000);
    const result = await conn.callTool('echo', { message: 'back' }, { timeoutMs: 10_000 });
    expect(textOf(result)).toContain('back');
    expect(conn.logs().some((l) => /reconnected after/.test(l.text))).toBe(true);
  });
});

describe.each(transports)('a remote server over %s that hangs while idle', (_label, kind, start) => {
  it('is noticed by the keep-alive ping and shown as reconnecting with the reason', async () => {
    const server = await start();
    cleanups.push(() => server.close());
    const conn = new ServerConnection(remote('stuck', kind, server.url), {
      ...fastOptions,
      autoRestart: true,
      backoff: { baseMs: 60_000 },
      random: () => 0.5,
      liveness: { intervalMs: 300, timeoutMs: 1_000 },
    });
    cleanups.push(() => conn.stop());
    await conn.start();
    expect(conn.state().kind).toBe('ready');
    server.freeze();
    await waitForState(conn, 'reconnecting', 15_000);
    const state = conn.state();
    expect(state.kind === 'reconnecting' && state.reason).toBe('`stuck` stopped answering: a keep-alive ping got no reply within 1 s.');
    expect(state).toHaveProperty('retryAt');
  });
});

describe('a remote server in the 2026-07-28 era, which has no ping', () => {
  it('is kept alive with server/discover, and noticed by it when it hangs', async () => {
    const era = await startEraServer('2026');
    cleanups.push(() => era.close());
    const conn = new ServerConnection(remote('modern', 'http', era.url), {
      ...fastOptions,
      autoRestart: true,
      backoff: { baseMs: 60_000 },
      random: () => 0.5,
      liveness: { intervalMs: 300, timeoutMs: 1_000 },
    });
    cleanups.push(() => conn.stop());
    await conn.start();
    expect(conn.state()).toMatchObject({ kind: 'ready', protocolEra: '2026' });
    const discovers = () => era.requests.filter((r) => r.method === 'server/discover').length;
    // The connect probe, then two keep-alives answered: still ready, and never a ping (2026 has none).
    await eventually(
      () => discovers() >= 3 || conn.state().kind !== 'ready',
      () => `two keep-alives; state ${conn.state().kind}`,
    );
    expect(conn.state().kind).toBe('ready');
    expect(era.requests.some((r) => r.method === 'ping')).toBe(false);

    era.freeze();
    await waitForState(conn, 'reconnecting', 15_000);
    const state = conn.state();
    expect(state.kind === 'reconnecting' && state.reason).toBe('`modern` stopped answering: a keep-alive ping got no reply within 1 s.');
  });
});
