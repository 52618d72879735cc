// A server that speaks only a protocol revision this host cannot negotiate answers `initialize` with HTTP 400.
// That is said in words: never blamed on legacy SSE (the fallback's own 404/405) or on sign-in.
import { afterEach, describe, expect, it } from 'vitest';
import { ServerConnection } from '../../../app/servers/serverConnection.ts';
import { startOAuthFixture } from '../../fixtures/oauthServer.ts';
import { startEraServer } from '../../fixtures/eraServer.ts';
import { oauthHarness } from '../auth/oauthHarness.ts';
import { fastOptions, remote } from './helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const misleading = /SSE|sign.?in|Authorization|HTTP 40[45]/i;

describe('a server that speaks only a newer protocol revision', () => {
  it.each(['auto', 'http'] as const)('says so, with the HTTP 400, over %s', async (kind) => {
    const era = await startEraServer('2026');
    cleanups.push(() => era.close());
    const conn = new ServerConnection(remote('newer', kind, era.url), { ...fastOptions, autoRestart: true, backoff: { baseMs: 60_000 }, random: () => 0.5 });
    cleanups.push(() => conn.stop());
    await conn.start();
    const state = conn.state();
    expect(state).toMatchObject({ kind: 'error', httpStatus: 400, message: expect.stringMatching(/protocol/) });
    expect(state.kind === 'error' && state.message).toMatch(/2026-07-28/);
    expect(state.kind === 'error' && state.message).not.toMatch(misleading);
    expect(state.kind === 'error' && state.needsAuth).toBeFalsy();
    // Retrying cannot help until the host or the server changes.
    expect(state.kind === 'error' && state.retryAt).toBeFalsy();
  });

  it('is not shown as a sign-in that could not start when the server has sign-in set up', async () => {
    const era = await startEraServer('2026');
    cleanups.push(() => era.close());
    const as = await startOAuthFixture();
    cleanups.push(() => as.close());
    const h = await oauthHarness(as, { url: era.url, kind: 'auto', oauth: { grant: 'authorization_code' } });
    cleanups.push(() => h.close());
    await h.conn.start();
    const state = await h.waitFor('error');
    expect(state).toMatchObject({ httpStatus: 400, message: expect.stringMatching(/2026-07-28/) });
    expect(state.kind === 'error' && state.message).not.toMatch(misleading);
    expect(state.kind === 'error' && state.needsAuth).toBeFalsy();
  });
});
