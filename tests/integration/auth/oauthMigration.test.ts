// SEP-2352: the MCP server's protected-resource metadata names a new authorization server. The host registers
// there and signs in again; the old server's client id and tokens never reach the new one.
import { afterEach, describe, expect, it } from 'vitest';
import { startOAuthFixture, type OAuthFixture } from '../../fixtures/oauthServer.ts';
import { oauthHarness } from './oauthHarness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fixture(): Promise<OAuthFixture> {
  const as = await startOAuthFixture();
  cleanups.push(() => as.close());
  return as;
}

describe('OAuth authorization server migration (SEP-2352)', () => {
  it('registers and signs in at the new authorization server without presenting the old one’s client id or tokens', async () => {
    const first = await fixture();
    const second = await fixture();
    const h = await oauthHarness(first);
    cleanups.push(() => h.close());

    await h.conn.start();
    await h.waitFor('needs-sign-in');
    expect((await first.approve(await h.beginUrl())).body).toContain('Signed in');
    await h.waitFor('ready');
    expect(await h.call('whoami')).toContain('signed in as ada@example.test');
    const firstClientId = first.authorizeRequests[0]?.get('client_id');
    expect(firstClientId).toBeTruthy();
    const stored = await h.secretsFile();
    const firstTokens = [...stored.matchAll(/(?:access|refresh)_token\\*":\\*"([^"\\]+)/g)].map((m) => m[1]!);
    expect(firstTokens.length).toBeGreaterThanOrEqual(2);

    // The resource now names the second authorization server and takes only its tokens.
    first.moveAuthorizationTo(second);
    await h.conn.restart();
    const waiting = await h.waitFor('needs-sign-in');
    expect(waiting).toMatchObject({ authorizationHost: new URL(second.origin).host });
    const url = await h.beginUrl();
    expect(url.startsWith(`${second.issuer}/authorize`)).toBe(true);
    expect((await second.approve(url)).body).toContain('Signed in');
    await h.waitFor('ready');
    expect(await h.call('whoami')).toContain('signed in as ada@example.test');

    expect(second.registrations).toHaveLength(1);
    const sentToSecond = [
      ...second.authorizeRequests.map((q) => q.toString()),
      ...second.tokenRequests.map((r) => `${r.params.toString()} ${r.authorization ?? ''}`),
    ].join('\n');
    expect(second.authorizeRequests.every((q) => q.get('client_id') !== firstClientId)).toBe(true);
    expect(sentToSecond).not.toContain(encodeURIComponent(firstClientId!));
    for (const t of firstTokens) expect(sentToSecond).not.toContain(t);
    // The first server's registration is not asked to do anything after the move.
    expect(first.registrations).toHaveLength(1);
    // What is stored now belongs to the second server.
    expect((await h.secretsFile()).replaceAll('\\', '')).toContain(`"issuer":"${second.issuer}`);
  });
});
