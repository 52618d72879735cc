// The server form's sign-in set-up through the contract: the host writes the `oauth` block, keeps the typed
// secret or private key out of config.json (in the OAuth secret store, bound to the server's origin), signs in
// with those settings against the local authorization server, and refuses bad set-ups with words that say what
// to fix, at the field they belong to.
import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostError } from '../../../app/api/errors.ts';
import { startOAuthFixture } from '../../fixtures/oauthServer.ts';
import { startHarness } from '../../support/hostHarness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function refusal(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (error) {
    return error as HostError;
  }
  throw new Error('expected a refusal');
}

describe('sign-in set-up from the server form', () => {
  it('writes the block, stores the private key in the secret store only, and connects with private_key_jwt', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const key = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const as = await startOAuthFixture({
      clients: [{ id: 'signer', publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(), method: 'private_key_jwt' }],
    });
    cleanups.push(() => as.close());
    const h = await startHarness();
    cleanups.push(() => h.close());
    const oauth = {
      grant: 'client_credentials' as const,
      clientId: 'signer',
      tokenEndpointAuthMethod: 'private_key_jwt' as const,
      scopes: ['mcp'],
      clientSecret: key,
    };
    await h.host.call('servers.upsert', { name: 'batch', entry: { transport: 'http', url: as.mcpUrl, headers: {}, oauth } });
    const ready = await h.waitForServer('batch', 'ready');
    expect(ready.entry).toMatchObject({ oauth: { grant: 'client_credentials', clientId: 'signer', clientSecretRef: 'batch', scopes: ['mcp'] } });
    expect(as.tokenRequests.at(-1)!.params.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');

    const config = await readFile(path.join(h.dataDir, 'config.json'), 'utf8');
    expect(JSON.parse(config).mcpServers.batch.oauth).toEqual({
      grant: 'client_credentials',
      clientId: 'signer',
      clientSecretRef: 'batch',
      scopes: ['mcp'],
      tokenEndpointAuthMethod: 'private_key_jwt',
    });
    expect(config).not.toContain('PRIVATE KEY');
    expect(JSON.stringify([h.events, await h.host.call('servers.list', {})])).not.toContain('PRIVATE KEY');
    expect(await readFile(path.join(h.dataDir, 'oauth.secrets.json'), 'utf8')).toContain('PRIVATE KEY');

    // Saved again without typing the key: the stored one is kept.
    await h.host.call('servers.upsert', {
      previousName: 'batch',
      name: 'batch',
      entry: { transport: 'http', url: as.mcpUrl, headers: {}, oauth: { ...oauth, clientSecret: { keep: true } } },
    });
    expect(JSON.parse(await readFile(path.join(h.dataDir, 'config.json'), 'utf8')).mcpServers.batch.oauth.clientSecretRef).toBe('batch');
    await h.waitForServer('batch', 'ready');
  });

  it('refuses bad set-ups with words at the field they belong to, and writes nothing', async () => {
    const h = await startHarness();
    cleanups.push(() => h.close());
    const url = 'http://127.0.0.1:9/mcp';
    const upsert = (oauth: Record<string, unknown>, name = 'bad') =>
      h.host.call('servers.upsert', { name, entry: { transport: 'http', url, headers: {}, oauth } } as never);

    const noId = await refusal(upsert({ grant: 'client_credentials', clientSecret: 's3cret-value' }));
    expect(noId.issues).toContainEqual({ path: 'entry.oauth.clientId', message: 'Client credentials need the client id the authorization server gave you.' });

    const noSecret = await refusal(upsert({ grant: 'client_credentials', clientId: 'm2m' }));
    expect(noSecret.issues).toContainEqual({ path: 'entry.oauth.clientSecret', message: 'Client credentials need the client secret.' });

    const notPem = await refusal(upsert({ grant: 'client_credentials', clientId: 'm2m', tokenEndpointAuthMethod: 'private_key_jwt', clientSecret: 'hunter2' }));
    expect(notPem.issues?.[0]?.message).toMatch(/^This is not a PKCS#8 private key: paste the whole PEM/);

    const badKey = '-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----';
    const unreadable = await refusal(
      upsert({ grant: 'client_credentials', clientId: 'm2m', tokenEndpointAuthMethod: 'private_key_jwt', clientSecret: badKey }),
    );
    expect(unreadable.issues).toContainEqual({
      path: 'entry.oauth.clientSecret',
      message: 'The private key for private_key_jwt could not be read: store it as a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----").',
    });

    const httpMetadata = await refusal(upsert({ grant: 'authorization_code', clientMetadataUrl: 'http://example.test/client.json' }));
    expect(httpMetadata.issues?.[0]).toMatchObject({ path: 'entry.oauth.clientMetadataUrl', message: expect.stringContaining('https URL') });

    const badScope = await refusal(upsert({ grant: 'authorization_code', scopes: ['read "all"'] }));
    expect(badScope.issues?.[0]).toMatchObject({ path: 'entry.oauth.scopes[0]', message: expect.stringContaining('one word without spaces') });

    const nothingKept = await refusal(upsert({ grant: 'client_credentials', clientId: 'm2m', clientSecret: { keep: true } }));
    expect(nothingKept.message).toBe(
      'No client secret is stored for http://127.0.0.1:9: type it again (a stored secret stays with the server address it was typed for).',
    );

    expect((await h.host.call('servers.list', {})).map((s) => s.name)).not.toContain('bad');
    const secrets = await readFile(path.join(h.dataDir, 'oauth.secrets.json'), 'utf8').catch(() => '{}');
    expect(secrets).not.toContain('not base64');
  });

  it('removes the block when the form sends none, keeping fields it does not show', async () => {
    const h = await startHarness({
      config: { mcpServers: { r: { type: 'http', url: 'http://127.0.0.1:9/mcp', oauth: { grant: 'authorization_code', scopes: ['a'], keepMe: 1 } } } },
    });
    cleanups.push(() => h.close());
    await h.host.call('servers.upsert', {
      previousName: 'r',
      name: 'r',
      entry: { transport: 'http', url: 'http://127.0.0.1:9/mcp', headers: {}, oauth: { grant: 'authorization_code', scopes: ['b'], dpop: true } },
    });
    const file = () => readFile(path.join(h.dataDir, 'config.json'), 'utf8').then((t) => JSON.parse(t).mcpServers.r);
    expect((await file()).oauth).toEqual({ keepMe: 1, grant: 'authorization_code', scopes: ['b'], dpop: true });
    await h.host.call('servers.upsert', { previousName: 'r', name: 'r', entry: { transport: 'http', url: 'http://127.0.0.1:9/mcp', headers: {} } });
    expect((await file()).oauth).toBeDefined();
    await h.host.call('servers.upsert', {
      previousName: 'r',
      name: 'r',
      entry: { transport: 'http', url: 'http://127.0.0.1:9/mcp', headers: {}, oauth: null },
    });
    expect((await file()).oauth).toBeUndefined();
  });
});
