// The OAuth defences, each as the attack it stops: a resource that is not this server, a mixed-up issuer,
// a non-http authorization address; plus the grants that need no browser and step-up on 403.
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startOAuthFixture, type OAuthFixture, type OAuthFixtureOptions } from '../../fixtures/oauthServer.ts';
import { oauthHarness, type OAuthHarness } from './oauthHarness.ts';
import { eventually } from '../../support/eventually.ts';

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

describe('refused', () => {
  it('refuses protected-resource metadata whose resource is another server', async () => {
    const { as, h } = await setUp({ resourceOverride: 'http://127.0.0.1:9/someone-else' });
    await h.conn.start();
    const state = await h.waitFor('error');
    expect(state).toMatchObject({ message: expect.stringMatching(/does not match/) });
    expect(as.registrations).toHaveLength(0);
    expect(as.authorizeRequests).toHaveLength(0);
    expect(as.tokenRequests).toHaveLength(0);
  });

  it.each([
    ['an iss of another server', { iss: 'wrong' }, /mix-up/],
    ['no iss where the server promises one', { iss: 'absent', issSupported: true }, /did not say which server sent it/],
  ] as const)('refuses an authorization response with %s (RFC 9207) and exchanges no code', async (_label, options, said) => {
    const { as, h } = await setUp(options);
    await h.conn.start();
    await h.waitFor('needs-sign-in');
    const back = await as.approve(await h.beginUrl());
    expect(back.status).toBe(400);
    expect(back.body).toMatch(said);
    expect(as.tokenRequests).toHaveLength(0);
    expect(h.conn.state().kind).toBe('needs-sign-in');
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ms-msdt:/id PCWDiagnostic'])('never offers an authorization endpoint of %s', async (endpoint) => {
    const { as, h } = await setUp({ authorizationEndpointOverride: endpoint });
    await h.conn.start();
    const state = await h.waitFor('error');
    expect(state.kind === 'error' && state.message).toMatch(/not an http\(s\) URL|authorization_endpoint|Invalid/i);
    expect(h.signIns.signInHost('guarded')).toBeUndefined();
    await expect(h.signIns.begin(h.def)).rejects.toThrow();
    expect(as.authorizeRequests).toHaveLength(0);
  });
});

describe('a 401 without OAuth', () => {
  it('says that sign-in could not start and suggests a header, without retrying', async () => {
    const plain = http.createServer((_req, res) => res.writeHead(401, { 'Content-Type': 'text/plain' }).end('no'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => plain.close(() => resolve())));
    const url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/mcp`;
    const as = await startOAuthFixture();
    cleanups.push(() => as.close());
    const h = await oauthHarness(as, { url });
    cleanups.push(() => h.close());
    await h.conn.start();
    const state = await h.waitFor('error');
    expect(state).toMatchObject({ needsAuth: true, message: expect.stringMatching(/OAuth sign-in could not start: .*"Authorization" header/) });
    expect(state.kind === 'error' && state.retryAt).toBeFalsy();
  });
});

describe('without a browser and with more access', () => {
  it('connects with the client-credentials grant and a secret from the secret store, opening nothing', async () => {
    const { as, h } = await setUp(
      { clients: [{ id: 'm2m', secret: 'machine-secret-0123456', method: 'client_secret_basic' }] },
      {
        oauth: { grant: 'client_credentials', clientId: 'm2m', clientSecretRef: 'm2m', tokenEndpointAuthMethod: 'client_secret_basic' },
        clientSecret: { ref: 'm2m', value: 'machine-secret-0123456' },
      },
    );
    await h.conn.start();
    await h.waitFor('ready');
    expect(await h.call('whoami')).toContain('signed in');
    expect(as.authorizeRequests).toHaveLength(0);
    expect(as.tokenRequests.at(-1)!.params.get('grant_type')).toBe('client_credentials');
    expect(as.tokenRequests.at(-1)!.params.get('resource')).toBe(as.mcpUrl);
    expect(h.signIns.view(h.def)).toMatchObject({ signedIn: true, grant: 'client_credentials' });
  });

  it.each(['rsa', 'ec'] as const)('connects with client credentials authenticated by private_key_jwt (%s key from the secret store)', async (type) => {
    const pair = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const { as, h } = await setUp(
      { clients: [{ id: 'signer', publicKey: publicPem, method: 'private_key_jwt' }] },
      {
        oauth: { grant: 'client_credentials', clientId: 'signer', clientSecretRef: 'signer-key', tokenEndpointAuthMethod: 'private_key_jwt' },
        clientSecret: { ref: 'signer-key', value: privatePem },
      },
    );
    await h.conn.start();
    await h.waitFor('ready');
    const sent = as.tokenRequests.at(-1)!;
    expect(sent.params.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(sent.params.get('client_secret')).toBeNull();
    expect(sent.authorization).toBeUndefined();
    expect(JSON.stringify([...sent.params])).not.toContain('PRIVATE KEY');
  });

  it('steps up on 403 insufficient_scope: asks the person once, with the wider scope, then runs the call again', async () => {
    const { as, h } = await setUp({ stepUpScope: 'admin' });
    await h.conn.start();
    await h.waitFor('needs-sign-in');
    await as.approve(await h.beginUrl());
    await h.waitFor('ready');
    const result = h.call('admin');
    result.catch(() => undefined);
    const state = await h.waitFor('needs-sign-in');
    expect(state).toMatchObject({ message: expect.stringContaining('more access') });
    const url = new URL(await h.beginUrl());
    expect(url.searchParams.get('scope')).toBe('mcp admin');
    await as.approve(url.href);
    // The call the person made runs again by itself once the wider sign-in is done.
    await expect(result).resolves.toBe('admin ok');
    expect(await h.call('admin')).toBe('admin ok');
    expect(as.authorizeRequests).toHaveLength(2);
  });
});

describe('step-up', () => {
  it('stops after 3 step-ups when the server asks for a new scope every time', async () => {
    const { as, h } = await setUp({ escalating: true });
    await h.conn.start();
    await h.waitFor('needs-sign-in');
    await as.approve(await h.beginUrl());
    await h.waitFor('ready');
    let settled: string | undefined;
    void h.call('admin').then(
      () => (settled = 'ran'),
      (e: unknown) => (settled = e instanceof Error ? e.message : String(e)),
    );
    const asked: string[] = [];
    for (;;) {
      await eventually(() => settled !== undefined || h.conn.state().kind === 'needs-sign-in', 'the call to settle or a sign-in to be asked for');
      if (settled !== undefined) break;
      if (asked.length > 6) throw new Error('Switchboard kept asking for more access');
      const url = await h.beginUrl();
      asked.push(new URL(url).searchParams.get('scope') ?? '');
      await as.approve(url);
      await eventually(() => settled !== undefined || h.conn.state().kind !== 'needs-sign-in', 'the sign-in to be taken');
    }
    expect(asked).toEqual(['mcp level1', 'mcp level1 level2', 'mcp level1 level2 level3']);
    expect(settled).toMatch(/still asks for more access \(scope "mcp level1 level2 level3 level4"\) after 3 sign-ins/);
  });

  it('asks for the union of the granted and the missing scopes when the 403 names only the missing one (SEP-2350)', async () => {
    const { as, h } = await setUp({ stepUpScope: 'admin', challengeOnlyMissing: true });
    await h.conn.start();
    await h.waitFor('needs-sign-in');
    await as.approve(await h.beginUrl());
    await h.waitFor('ready');
    const result = h.call('admin');
    result.catch(() => undefined);
    await h.waitFor('needs-sign-in');
    const url = new URL(await h.beginUrl());
    expect(url.searchParams.get('scope')).toBe('mcp admin');
    await as.approve(url.href);
    await expect(result).resolves.toBe('admin ok');
    // The wider grant still covers what the first one did.
    expect(await h.call('whoami')).toContain('mcp admin');
  });

  it('offers a wider sign-in when listing tools while connecting meets 403 insufficient_scope', async () => {
    const { as, h } = await setUp({ listScope: 'tools' });
    await h.conn.start();
    await h.waitFor('needs-sign-in');
    await as.approve(await h.beginUrl());
    const state = await h.waitFor('needs-sign-in');
    expect(state.kind === 'needs-sign-in' && state.message).not.toMatch(/Authorization" header/);
    const url = new URL(await h.beginUrl());
    expect(url.searchParams.get('scope')).toBe('mcp tools');
    await as.approve(url.href);
    await h.waitFor('ready');
    expect(h.conn.tools().map((t) => t.name)).toContain('whoami');
    expect(as.authorizeRequests).toHaveLength(2);
  });

  it('stops asking for more access after a bounded number of step-ups, and says why', async () => {
    const { as, h } = await setUp({ stepUpScope: 'admin', withheldScope: 'admin' });
    await h.conn.start();
    await h.waitFor('needs-sign-in');
    await as.approve(await h.beginUrl());
    await h.waitFor('ready');
    let settled: string | undefined;
    void h.call('admin').then(
      () => (settled = 'ran'),
      (e: unknown) => (settled = e instanceof Error ? e.message : String(e)),
    );
    let stepUps = 0;
    for (;;) {
      await eventually(() => settled !== undefined || h.conn.state().kind === 'needs-sign-in', 'the call to settle or a sign-in to be asked for');
      if (settled !== undefined) break;
      stepUps++;
      if (stepUps > 6) throw new Error('Switchboard kept asking for more access');
      await as.approve(await h.beginUrl());
      await eventually(() => settled !== undefined || h.conn.state().kind !== 'needs-sign-in', 'the sign-in to be taken');
    }
    // The same scope again after a sign-in that asked for it: a second sign-in would not help.
    expect(stepUps).toBe(1);
    expect(as.authorizeRequests).toHaveLength(1 + stepUps);
    expect(settled).toMatch(/still asks for more access \(scope "mcp admin"\) after a sign-in that asked for it/);
    expect(h.conn.state().kind).toBe('ready');
  });
});
