// DPoP (RFC 9449) against the local authorization server, which binds tokens to the key of the proof in the
// token request and whose MCP server takes a bound token only with the DPoP scheme and a proof per request.
// With nonces on, both refuse the first proof (no nonce) and hand one out: the client must answer once.
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startOAuthFixture, type OAuthFixture, type OAuthFixtureOptions } from '../../fixtures/oauthServer.ts';
import { oauthHarness, type OAuthHarness } from './oauthHarness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(options: OAuthFixtureOptions, harness: Parameters<typeof oauthHarness>[1]): Promise<{ as: OAuthFixture; h: OAuthHarness }> {
  const as = await startOAuthFixture(options);
  cleanups.push(() => as.close());
  const h = await oauthHarness(as, harness);
  cleanups.push(() => h.close());
  return { as, h };
}

const m2m = {
  clients: [{ id: 'm2m', secret: 'machine-secret-0123456789', method: 'client_secret_basic' as const }],
};
const m2mSettings = {
  oauth: { grant: 'client_credentials' as const, clientId: 'm2m', clientSecretRef: 'm2m', tokenEndpointAuthMethod: 'client_secret_basic' as const, dpop: true },
  clientSecret: { ref: 'm2m', value: 'machine-secret-0123456789' },
};

describe('DPoP-bound tokens', () => {
  it('gets a bound token with client credentials, answers both nonce challenges once, and calls tools with a proof each time', async () => {
    const { as, h } = await setUp({ ...m2m, dpop: { required: true, nonce: true } }, m2mSettings);
    await h.conn.start();
    await h.waitFor('ready');
    expect(await h.call('whoami')).toContain('signed in as');
    const token = as.dpopProofs.filter((p) => p.where === 'token').map((p) => p.verdict);
    const mcp = as.dpopProofs.filter((p) => p.where === 'mcp').map((p) => p.verdict);
    // The first proof to each server had no nonce; the retry had it; nothing was refused twice in a row.
    expect(token).toEqual(['use_dpop_nonce', 'ok']);
    expect(mcp[0]).toBe('use_dpop_nonce');
    expect(mcp.slice(1).every((v) => v === 'ok')).toBe(true);
    expect(mcp.length).toBeGreaterThanOrEqual(3);
    expect(await h.secretsFile()).toContain('"token_type\\":\\"DPoP\\"');
  });

  it('signs in in a browser with a bound token, and presents it with the same key after a restart', async () => {
    const first = await setUp({ discovery: 'header', dpop: { required: true, nonce: true } }, { oauth: { grant: 'authorization_code', dpop: true } });
    const { as, h } = first;
    await h.conn.start();
    await h.waitFor('needs-sign-in');
    await as.approve(await h.beginUrl());
    await h.waitFor('ready');
    expect(await h.call('whoami')).toContain('signed in as');
    const exchange = as.tokenRequests.filter((r) => r.params.get('grant_type') === 'authorization_code');
    expect(exchange.length).toBe(2); // the nonce challenge, then the proof with the nonce
    await h.stop();

    // A new launch over the same data dir: the key comes back from the secret store, so the bound token still works
    // (with another key the MCP server refuses it: the proof's key is not the one the token is bound to).
    const tokensBefore = as.tokenRequests.length;
    const proofsBefore = as.dpopProofs.length;
    const again = await oauthHarness(as, { oauth: { grant: 'authorization_code', dpop: true }, dataDir: h.dataDir });
    cleanups.push(() => again.close());
    await again.conn.start();
    await again.waitFor('ready');
    expect(await again.call('whoami')).toContain('signed in as');
    expect(as.tokenRequests.length).toBe(tokensBefore);
    expect(as.dpopProofs.slice(proofsBefore).map((p) => p.verdict)).not.toContain('invalid_dpop_proof');
    expect(as.dpopProofs.length).toBeGreaterThan(proofsBefore);
  });

  it('signs private_key_jwt client credentials and DPoP proofs together', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { as, h } = await setUp(
      {
        clients: [{ id: 'signer', publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(), method: 'private_key_jwt' }],
        dpop: { required: true },
      },
      {
        oauth: { grant: 'client_credentials', clientId: 'signer', clientSecretRef: 'k', tokenEndpointAuthMethod: 'private_key_jwt', dpop: true },
        clientSecret: { ref: 'k', value: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      },
    );
    await h.conn.start();
    await h.waitFor('ready');
    expect(as.tokenRequests.at(-1)!.params.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(as.dpopProofs.every((p) => p.verdict === 'ok')).toBe(true);
    expect(await h.call('whoami')).toContain('signed in as');
  });

  it('is refused by a server that requires DPoP when the set-up does not ask for it', async () => {
    const { as, h } = await setUp({ ...m2m, dpop: { required: true } }, { ...m2mSettings, oauth: { ...m2mSettings.oauth, dpop: false } });
    await h.conn.start();
    await h.waitFor('error');
    expect(as.dpopProofs.map((p) => p.verdict)).toContain('invalid_dpop_proof');
  });
});
