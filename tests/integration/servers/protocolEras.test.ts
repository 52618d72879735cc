// Which protocol era a server is spoken to in. Remote servers are asked (`server/discover`, falling back to
// `initialize`); local ones speak 2025 unless their entry opts in. A server that speaks only an era the entry
// rules out says so in words: never blamed on legacy SSE (the fallback's own 404/405) or on sign-in.
import { afterEach, describe, expect, it } from 'vitest';
import type { ProtocolChoice, ServerDefinition } from '../../../app/config/serverDefinition.ts';
import { ServerConnection } from '../../../app/servers/serverConnection.ts';
import { startOAuthFixture } from '../../fixtures/oauthServer.ts';
import { startEraServer } from '../../fixtures/eraServer.ts';
import path from 'node:path';
import { fixturesDir } from '../../support/paths.ts';
import { oauthHarness } from '../auth/oauthHarness.ts';
import { fastOptions, remote, stdio, waitForState } from './helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const misleading = /SSE|sign.?in|Authorization|HTTP 40[45]/i;

function pinned(def: ServerDefinition, protocol: ProtocolChoice): ServerDefinition {
  return { ...def, transport: { ...def.transport, protocol } };
}

async function connect(def: ServerDefinition, autoRestart = false): Promise<ServerConnection> {
  const conn = new ServerConnection(def, { ...fastOptions, autoRestart, backoff: { baseMs: 60_000 }, random: () => 0.5 });
  cleanups.push(() => conn.stop());
  await conn.start();
  return conn;
}

describe('protocol eras on remote servers', () => {
  it.each([
    ['2026', 'auto'],
    ['2026', 'http'],
    ['both', 'auto'],
  ] as const)('a %s-era server over %s is asked first and spoken to in 2026-07-28', async (eras, kind) => {
    const era = await startEraServer(eras);
    cleanups.push(() => era.close());
    const conn = await connect(remote('era', kind, era.url));
    expect(conn.state()).toMatchObject({ kind: 'ready', protocolVersion: '2026-07-28', protocolEra: '2026' });
    const result = await conn.callTool('echo', { text: 'hi' }, { timeoutMs: 10_000 });
    expect(result.content).toEqual([{ type: 'text', text: 'echo: hi' }]);
    const methods = era.requests.map((r) => r.method);
    expect(methods).toContain('server/discover');
    expect(methods).not.toContain('initialize');
  });

  it('a restart reuses the era agreed (no second probe), and a changed entry asks again', async () => {
    const era = await startEraServer('2026');
    cleanups.push(() => era.close());
    const conn = await connect(remote('era', 'http', era.url));
    const discovers = () => era.requests.filter((r) => r.method === 'server/discover').length;
    expect(discovers()).toBe(1);
    await conn.restart();
    await waitForState(conn, 'ready');
    expect(conn.state()).toMatchObject({ kind: 'ready', protocolEra: '2026', protocolVersion: '2026-07-28' });
    expect((await conn.callTool('echo', { text: 'again' }, { timeoutMs: 10_000 })).content).toEqual([{ type: 'text', text: 'echo: again' }]);
    expect(discovers()).toBe(1);
    conn.updateDefinition(pinned(remote('era', 'http', era.url), '2026-07-28'));
    await conn.restart();
    await waitForState(conn, 'ready');
    expect(discovers()).toBe(2);
  });

  it('a both-eras server pinned to "2025-11-25" is spoken to with initialize, in the 2025 era', async () => {
    const era = await startEraServer('both');
    cleanups.push(() => era.close());
    const conn = await connect(pinned(remote('era', 'auto', era.url), '2025-11-25'));
    expect(conn.state()).toMatchObject({ kind: 'ready', protocolVersion: '2025-11-25', protocolEra: '2025' });
    expect(era.requests.map((r) => r.method)).not.toContain('server/discover');
  });

  it.each(['auto', 'http'] as const)('a 2026-only server pinned to 2025 says so in words, with the HTTP 400, over %s', async (kind) => {
    const era = await startEraServer('2026');
    cleanups.push(() => era.close());
    const conn = await connect(pinned(remote('newer', kind, era.url), '2025-11-25'), true);
    const state = conn.state();
    expect(state).toMatchObject({ kind: 'error', httpStatus: 400, message: expect.stringMatching(/2026-07-28/) });
    expect(state.kind === 'error' && state.message).toMatch(/"protocol": "2025-11-25".*"auto"/);
    expect(state.kind === 'error' && state.message).not.toMatch(misleading);
    expect(state.kind === 'error' && state.needsAuth).toBeFalsy();
    // Retrying cannot help until the entry or the server changes.
    expect(state.kind === 'error' && state.retryAt).toBeFalsy();
  });

  it('is not shown as a sign-in that could not start when the server has sign-in set up', async () => {
    const era = await startEraServer('2026');
    cleanups.push(() => era.close());
    const as = await startOAuthFixture();
    cleanups.push(() => as.close());
    const h = await oauthHarness(as, { url: era.url, kind: 'auto', oauth: { grant: 'authorization_code' }, protocol: '2025-11-25' });
    cleanups.push(() => h.close());
    await h.conn.start();
    const state = await h.waitFor('error');
    expect(state).toMatchObject({ httpStatus: 400, message: expect.stringMatching(/2026-07-28/) });
    expect(state.kind === 'error' && state.message).not.toMatch(misleading);
    expect(state.kind === 'error' && state.needsAuth).toBeFalsy();
  });
});

describe('protocol eras on local servers', () => {
  it('speaks 2025 to a local server by default, without probing it', async () => {
    const conn = await connect(stdio('local', path.join(fixturesDir, 'protocol-probe.mjs')));
    expect(conn.state()).toMatchObject({ kind: 'ready', protocolEra: '2025' });
  });

  it('with "protocol": "auto" asks a 2025-only local server, which answers in the 2025 era', async () => {
    const conn = await connect(pinned(stdio('local', path.join(fixturesDir, 'protocol-probe.mjs')), 'auto'));
    expect(conn.state()).toMatchObject({ kind: 'ready', protocolEra: '2025' });
    const result = await conn.callTool('client-capabilities', {}, { timeoutMs: 10_000 });
    expect(result.isError).toBeFalsy();
  });

  it('pinned to "2026-07-28", a 2025-only local server fails in words that name the setting', async () => {
    const conn = await connect(pinned(stdio('local', path.join(fixturesDir, 'protocol-probe.mjs')), '2026-07-28'));
    const state = conn.state();
    expect(state).toMatchObject({ kind: 'error', message: expect.stringMatching(/no protocol era both speak.*"protocol": "2026-07-28".*"auto"/s) });
    expect(state.kind === 'error' && state.retryAt).toBeFalsy();
  });
});
