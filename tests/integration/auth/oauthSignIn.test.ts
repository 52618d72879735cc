// Sign-in against a real local authorization server guarding a real MCP server: discovery variants, DCR,
// pre-registered clients, the metadata document, and what is stored where.
import { afterEach, describe, expect, it } from 'vitest';
import { startOAuthFixture, type OAuthFixture, type OAuthFixtureOptions } from '../../fixtures/oauthServer.ts';
import { oauthHarness, type OAuthHarness } from './oauthHarness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(options: OAuthFixtureOptions = {}, harness: Parameters<typeof oauthHarness>[1] = {}): Promise<{ as: OAuthFixture; h: OAuthHarness }> {
  const as = await startOAuthFixture(options);
  cleanups.push(() => as.close());
  const h = await oauthHarness(as, harness);
  cleanups.push(() => h.close());
  return { as, h };
}

/** The whole person-facing flow: needs sign-in → open → Allow → ready → a tool call works. */
async function signInAndCall(as: OAuthFixture, h: OAuthHarness): Promise<string> {
  await h.conn.start();
  const waiting = await h.waitFor('needs-sign-in');
  expect(waiting).toMatchObject({ authorizationHost: new URL(as.origin).host });
  const url = await h.beginUrl();
  const back = await as.approve(url);
  expect(back.body).toContain('Signed in');
  expect(back.status).toBe(200);
  await h.waitFor('ready');
  return h.call('whoami');
}

describe('OAuth sign-in discovery', () => {
  it.each([
    ['the resource_metadata URL in WWW-Authenticate', { discovery: 'header' }, '/prm/custom'],
    ['the path-aware protected-resource well-known', { discovery: 'path' }, '/.well-known/oauth-protected-resource/mcp'],
    ['the root protected-resource well-known', { discovery: 'root' }, '/.well-known/oauth-protected-resource'],
    [
      'OpenID Connect discovery of an issuer with a path',
      { discovery: 'path', asMetadata: 'oidc', asPath: '/tenant' },
      '/.well-known/openid-configuration/tenant',
    ],
    [
      'RFC 8414 discovery of an issuer with a path',
      { discovery: 'root', asMetadata: 'oauth', asPath: '/tenant' },
      '/.well-known/oauth-authorization-server/tenant',
    ],
    [
      'the 2025-03-26 fallback: AS metadata on the server origin, no PRM',
      { discovery: 'legacy', asMetadata: 'oauth' },
      '/.well-known/oauth-authorization-server',
    ],
    [
      'the 2025-03-26 fallback: default endpoints, no metadata at all',
      { discovery: 'legacy', asMetadata: 'none', issSupported: false, iss: 'absent' },
      '/register',
    ],
  ] as const)('signs in via %s, registers dynamically and calls a tool', async (_label, options, discoveredAt) => {
    const { as, h } = await setUp(options);
    expect(await signInAndCall(as, h)).toContain('signed in as ada@example.test');
    expect(as.paths).toContain(discoveredAt);
    expect(as.registrations).toHaveLength(1);
    expect(as.registrations[0]).toMatchObject({
      redirect_uris: [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/)],
      token_endpoint_auth_method: 'none',
      application_type: 'native',
    });
    const authorize = as.authorizeRequests.at(-1)!;
    expect(authorize.get('code_challenge_method')).toBe('S256');
    expect(authorize.get('state')?.length).toBeGreaterThanOrEqual(40);
    if (options.discovery !== 'legacy') {
      // RFC 8707: the resource goes on the authorization and the token request.
      expect(authorize.get('resource')).toBe(as.mcpUrl);
      expect(as.tokenRequests.at(-1)!.params.get('resource')).toBe(as.mcpUrl);
      expect(authorize.get('scope')).toBe('mcp');
    }
  });
});

describe('who the client is', () => {
  it.each(['client_secret_basic', 'client_secret_post'] as const)('uses a pre-registered client with %s and never registers', async (method) => {
    const { as, h } = await setUp(
      { clients: [{ id: 'switchboard-pre', secret: 's3cret-value-123456', method }] },
      {
        oauth: { grant: 'authorization_code', clientId: 'switchboard-pre', clientSecretRef: 'pre', tokenEndpointAuthMethod: method },
        clientSecret: { ref: 'pre', value: 's3cret-value-123456' },
      },
    );
    expect(await signInAndCall(as, h)).toContain('signed in');
    expect(as.registrations).toHaveLength(0);
    const sent = as.tokenRequests.at(-1)!;
    if (method === 'client_secret_basic') {
      expect(sent.authorization).toMatch(/^Basic /);
      expect(sent.params.get('client_secret')).toBeNull();
    } else {
      expect(sent.authorization).toBeUndefined();
      expect(sent.params.get('client_secret')).toBe('s3cret-value-123456');
    }
    // The client secret stays under its own name; the server's record never copies it.
    const stored = JSON.parse(await h.secretsFile()) as Record<string, string>;
    expect(stored['server:guarded:' + as.mcpUrl]).not.toContain('s3cret-value-123456');
  });

  it('uses a pre-registered public client (none) with PKCE only', async () => {
    const { as, h } = await setUp(
      { clients: [{ id: 'public-client', method: 'none' }] },
      { oauth: { grant: 'authorization_code', clientId: 'public-client', tokenEndpointAuthMethod: 'none' } },
    );
    expect(await signInAndCall(as, h)).toContain('signed in');
    expect(as.registrations).toHaveLength(0);
    const sent = as.tokenRequests.at(-1)!;
    expect(sent.authorization).toBeUndefined();
    expect(sent.params.get('client_id')).toBe('public-client');
    expect(sent.params.get('code_verifier')).toBeTruthy();
  });

  it('uses the Client ID Metadata Document URL when one is set and the server supports it', async () => {
    const cimd = 'https://switchboard.example.test/oauth/client.json';
    const { as, h } = await setUp({ cimd: true }, { clientMetadataUrl: cimd });
    expect(await signInAndCall(as, h)).toContain('signed in');
    expect(as.registrations).toHaveLength(0);
    expect(as.authorizeRequests.at(-1)!.get('client_id')).toBe(cimd);
  });

  it('registers dynamically when no metadata document URL is set, even where the server supports one', async () => {
    const { as, h } = await setUp({ cimd: true });
    expect(await signInAndCall(as, h)).toContain('signed in');
    expect(as.registrations).toHaveLength(1);
  });
});

describe('scopes', () => {
  it.each([
    [['mcp'], 'mcp'],
    [['mcp', 'offline_access'], 'mcp offline_access'],
  ])('asks for offline_access only where the authorization server lists it (it lists %j)', async (supported, expected) => {
    const { h } = await setUp(
      { discovery: 'legacy', scopesSupported: supported },
      { oauth: { grant: 'authorization_code', scopes: ['mcp', 'offline_access'] } },
    );
    await h.conn.start();
    await h.waitFor('needs-sign-in');
    expect(new URL(await h.beginUrl()).searchParams.get('scope')).toBe(expected);
  });
});

describe('the person and the tokens', () => {
  it('keeps tokens in the 0600 secrets file, shows who is signed in, and signs out by revoking', async () => {
    const { as, h } = await setUp();
    await signInAndCall(as, h);
    const file = await h.secretsFile();
    expect(file).toContain('access_token');
    expect(h.signIns.view(h.def)).toMatchObject({ signedIn: true, account: 'ada@example.test', authorizationHost: new URL(as.origin).host, scopes: ['mcp'] });
    await h.signIns.signOut(h.def);
    expect(as.revoked).toHaveLength(1);
    await h.waitFor('needs-sign-in');
    expect(await h.secretsFile()).not.toContain('access_token');
  });

  it('keeps the session across a restart on another loopback port, and registers again only when it must sign in again', async () => {
    const { as, h } = await setUp();
    await signInAndCall(as, h);
    await h.stop();
    const next = await oauthHarness(as, { dataDir: h.dataDir });
    cleanups.push(() => next.close());
    await next.conn.start();
    await next.waitFor('ready');
    expect(await next.call('whoami')).toContain('signed in');
    expect(as.authorizeRequests).toHaveLength(1);
    await next.signIns.signOut(next.def);
    await next.waitFor('needs-sign-in');
    const url = new URL(await next.beginUrl());
    expect(url.searchParams.get('redirect_uri')).not.toBe(as.authorizeRequests[0]!.get('redirect_uri'));
    expect(as.registrations).toHaveLength(2);
    await as.approve(url.href);
    await next.waitFor('ready');
  });

  it('uses a callback state once: replaying the same redirect is refused', async () => {
    const { as, h } = await setUp();
    await signInAndCall(as, h);
    const replay = await fetch(as.authorizeRequests.at(-1)!.get('redirect_uri')! + '?code=x&state=' + as.authorizeRequests.at(-1)!.get('state'));
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('unknown, expired or already used');
  });

  it('refreshes silently when the access token expires', async () => {
    const { as, h } = await setUp();
    await signInAndCall(as, h);
    as.expireAccessTokens();
    expect(await h.call('whoami')).toContain('signed in');
    expect(as.tokenRequests.at(-1)!.params.get('grant_type')).toBe('refresh_token');
    expect(as.authorizeRequests).toHaveLength(1);
  });

  it('refreshes before connecting when the stored access token has expired, so the server never sees it', async () => {
    let offset = 0;
    const { as, h } = await setUp({ accessTokenTtlSeconds: 3600 }, { now: () => Date.now() + offset });
    await signInAndCall(as, h);
    await h.conn.stop();
    offset = 2 * 3600_000;
    as.expireAccessTokens();
    const before = as.paths.length;
    await h.conn.start();
    await h.waitFor('ready');
    const after = as.paths.slice(before);
    expect(after.indexOf('/token')).toBeGreaterThanOrEqual(0);
    expect(after.indexOf('/token')).toBeLessThan(after.indexOf('/mcp'));
    expect(as.tokenRequests.at(-1)!.params.get('grant_type')).toBe('refresh_token');
    expect(await h.call('whoami')).toContain('signed in');
  });

  it('asks the person to sign in again when the refresh fails, instead of opening anything; the call runs after', async () => {
    const { as, h } = await setUp();
    await signInAndCall(as, h);
    as.revokeAll();
    const result = h.call('whoami');
    result.catch(() => undefined);
    const state = await h.waitFor('needs-sign-in');
    expect(state).toMatchObject({ message: expect.stringContaining('again') });
    const before = as.authorizeRequests.length;
    await as.approve(await h.beginUrl());
    await expect(result).resolves.toContain('signed in');
    expect(as.authorizeRequests).toHaveLength(before + 1);
  });
});
