// Enterprise-managed authorization (SEP-990) through the host: the identity provider set in Settings (issuer,
// client id and secret, a pasted ID token), a server whose sign-in set-up says "enterprise"; the host exchanges
// the ID token at the IdP for an ID-JAG (RFC 8693) and presents it to the MCP server's authorization server as a
// jwt-bearer grant (RFC 7523). No browser, and no ID token or secret in views, events or files other than the
// OAuth secret store.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEnterpriseIdp, type EnterpriseIdpFixture } from '../../fixtures/enterpriseIdp.ts';
import { startOAuthFixture, type OAuthFixture } from '../../fixtures/oauthServer.ts';
import { startHarness, type Harness } from '../../support/hostHarness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MCP_SECRET = 'mcp-client-secret-0123456789';

async function setUp(): Promise<{ idp: EnterpriseIdpFixture; as: OAuthFixture; h: Harness }> {
  const idp = await startEnterpriseIdp({ mcpClientId: 'mcp-client' });
  cleanups.push(() => idp.close());
  const as = await startOAuthFixture({
    clients: [{ id: 'mcp-client', secret: MCP_SECRET, method: 'client_secret_basic' }],
    trustedIdp: { issuer: idp.issuer, publicKey: idp.publicKey },
  });
  cleanups.push(() => as.close());
  const h = await startHarness();
  cleanups.push(() => h.close());
  return { idp, as, h };
}

const upsert = (h: Harness, as: OAuthFixture) =>
  h.host.call('servers.upsert', {
    name: 'corp',
    entry: {
      transport: 'http',
      url: as.mcpUrl,
      headers: {},
      oauth: { grant: 'enterprise', clientId: 'mcp-client', tokenEndpointAuthMethod: 'client_secret_basic', clientSecret: MCP_SECRET },
    },
  });

describe('enterprise-managed authorization', () => {
  it("exchanges the person's ID token at the IdP and signs in to the MCP server with the grant, without a browser", async () => {
    const { idp, as, h } = await setUp();
    const idToken = await idp.idToken('ada');
    const view = await h.host.call('settings.update', {
      enterpriseIdp: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, idToken },
    });
    expect(view.enterpriseIdp).toEqual({ issuer: idp.issuer, clientId: idp.clientId, clientSecretSet: true, idTokenSource: 'pasted', idTokenSet: true });
    await upsert(h, as);
    const ready = await h.waitForServer('corp', 'ready');
    expect(ready.tools.map((t) => t.name)).toContain('whoami');

    const exchange = idp.exchanges.at(-1)!;
    expect(exchange.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:token-exchange');
    expect(exchange.get('subject_token')).toBe(idToken);
    expect(exchange.get('audience')).toBe(as.issuer);
    expect(exchange.get('resource')).toBe(as.mcpUrl);
    const grant = as.tokenRequests.at(-1)!;
    expect(grant.params.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(grant.authorization).toBe(`Basic ${Buffer.from(`mcp-client:${MCP_SECRET}`).toString('base64')}`);
    expect(as.authorizeRequests).toEqual([]);

    const seen = JSON.stringify([h.events, await h.host.call('servers.list', {}), await h.host.call('settings.get', {})]);
    const files = (await Promise.all(['settings.json', 'config.json'].map((f) => readFile(path.join(h.dataDir, f), 'utf8').catch(() => '')))).join('');
    for (const secret of [idToken, idp.clientSecret, MCP_SECRET]) {
      expect(seen).not.toContain(secret);
      expect(files).not.toContain(secret);
    }
  });

  it('says in words that the identity provider is not set up yet', async () => {
    const { as, h } = await setUp();
    await upsert(h, as);
    const failed = await h.waitForServer('corp', 'error');
    expect(failed.state).toMatchObject({
      message: expect.stringContaining("signs in through your organization's identity provider, which is not set up yet"),
    });
  });

  it('says what to do when the IdP refuses an expired ID token, and forgets stored secrets when the issuer changes', async () => {
    const { idp, as, h } = await setUp();
    await h.host.call('settings.update', {
      enterpriseIdp: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, idToken: await idp.idToken('ada', { expired: true }) },
    });
    await upsert(h, as);
    const failed = await h.waitForServer('corp', 'error');
    expect(failed.state).toMatchObject({ message: expect.stringMatching(/did not grant access to this server: .*paste a new one under Settings/) });

    const moved = await h.host.call('settings.update', { enterpriseIdp: { issuer: 'https://other-idp.example.test', clientId: idp.clientId } });
    expect(moved.enterpriseIdp).toMatchObject({ clientSecretSet: false, idTokenSet: false });
  });
});
