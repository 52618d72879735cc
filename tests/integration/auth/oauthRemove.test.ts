// Removing a signed-in remote server takes its sign-in with it: the tokens are revoked (the fixture supports
// RFC 7009) and no token, client registration or client secret of it stays anywhere in the data dir.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startOAuthFixture, type OAuthFixture } from '../../fixtures/oauthServer.ts';
import { startHarness, type Harness } from '../../support/hostHarness.ts';
import { eventually } from '../../support/eventually.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function signIn(h: Harness, as: OAuthFixture, name: string): Promise<void> {
  await h.waitForServer(name, 'needs-sign-in');
  const start = await h.host.call('servers.signIn', { server: name });
  expect((await as.approve(start.kind === 'open' ? start.url : '')).status).toBe(200);
  await h.waitForServer(name, 'ready');
}

/** Every byte of every file under the data dir, as text. */
async function everythingOnDisk(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(path.join(e.parentPath, e.name), 'utf8')));
  return texts.join('\n');
}

interface StoredRecord {
  tokens?: { access_token: string; refresh_token?: string };
  client?: { client_id: string; client_secret?: string };
}

async function recordOf(dataDir: string, name: string): Promise<StoredRecord> {
  const file = JSON.parse(await readFile(path.join(dataDir, 'oauth.secrets.json'), 'utf8')) as Record<string, string>;
  const key = Object.keys(file).find((k) => k.startsWith(`server:${name}:`));
  return key ? (JSON.parse(file[key]!) as StoredRecord) : {};
}

describe('removing a signed-in remote server', () => {
  it('revokes its tokens and leaves no token, client registration or client secret of it on disk; others stay signed in', async () => {
    const secret = 'typed-secret-0123456789';
    const as = await startOAuthFixture({ discovery: 'header', clients: [{ id: 'm2m', secret, method: 'client_secret_basic' }] });
    cleanups.push(() => as.close());
    const batch = {
      type: 'http',
      url: as.mcpUrl,
      oauth: { grant: 'client_credentials', clientId: 'm2m', clientSecretRef: 'batch', tokenEndpointAuthMethod: 'client_secret_basic' },
    };
    const h = await startHarness({ config: { mcpServers: { gone: { type: 'http', url: as.mcpUrl }, kept: { type: 'http', url: as.mcpUrl }, batch } } });
    cleanups.push(() => h.close());
    await signIn(h, as, 'gone');
    await signIn(h, as, 'kept');
    await h.host.call('servers.setClientSecret', { server: 'batch', value: secret });
    await h.waitForServer('batch', 'ready');

    const gone = await recordOf(h.dataDir, 'gone');
    const batchTokens = await recordOf(h.dataDir, 'batch');
    const kept = await recordOf(h.dataDir, 'kept');
    const goneValues = [gone.tokens?.access_token, gone.tokens?.refresh_token, gone.client?.client_id, batchTokens.tokens?.access_token, secret];
    expect(goneValues.every((v) => typeof v === 'string' && v.length > 8)).toBe(true);
    expect(await everythingOnDisk(h.dataDir)).toContain(gone.tokens!.access_token);

    await h.host.call('servers.remove', { server: 'gone' });
    await h.host.call('servers.remove', { server: 'batch' });

    await eventually(() => as.revoked.includes(gone.tokens!.refresh_token!), 'the refresh token to be revoked');
    const disk = await everythingOnDisk(h.dataDir);
    for (const value of goneValues) expect(disk).not.toContain(value);
    // The server still configured keeps its sign-in.
    expect(disk).toContain(kept.tokens!.access_token);
    expect((await h.host.call('servers.list', {})).find((s) => s.name === 'kept')?.auth).toMatchObject({ signedIn: true });
  });

  it('revokes the tokens of a server signed in before this launch (its authorization server found again)', async () => {
    const as = await startOAuthFixture();
    cleanups.push(() => as.close());
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-oauth-remove-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const config = { mcpServers: { gone: { type: 'http', url: as.mcpUrl } } };
    const first = await startHarness({ dataDir, config });
    await signIn(first, as, 'gone');
    await first.close();
    const { tokens } = await recordOf(dataDir, 'gone');

    const second = await startHarness({ dataDir });
    cleanups.push(() => second.close());
    await second.waitForServer('gone', 'ready');
    await second.host.call('servers.remove', { server: 'gone' });
    await eventually(() => as.revoked.includes(tokens!.refresh_token!), 'the refresh token to be revoked');
    expect(await everythingOnDisk(dataDir)).not.toContain(tokens!.access_token);
  });

  it('removes at once while an authorization server that does not answer is still being asked to revoke', async () => {
    const as = await startOAuthFixture({ revocationHangs: true });
    cleanups.push(() => as.close());
    const h = await startHarness({ config: { mcpServers: { gone: { type: 'http', url: as.mcpUrl } } } });
    cleanups.push(() => h.close());
    await signIn(h, as, 'gone');
    const { tokens } = await recordOf(h.dataDir, 'gone');

    await h.host.call('servers.remove', { server: 'gone' });
    // The removal did not wait for the revocation: that request is still open (a removal that waited would
    // have given up on it first), and the tokens are already off the disk.
    await eventually(() => as.revoked.includes(tokens!.refresh_token!), 'the revocation request');
    expect(as.revocationsOpen).toBe(1);
    expect(await everythingOnDisk(h.dataDir)).not.toContain(tokens!.access_token);
  });

  it('keeps a client secret that another configured entry still names', async () => {
    const secret = 'shared-secret-0123456789';
    const as = await startOAuthFixture({ clients: [{ id: 'm2m', secret, method: 'client_secret_basic' }] });
    cleanups.push(() => as.close());
    const entry = {
      type: 'http',
      url: as.mcpUrl,
      oauth: { grant: 'client_credentials', clientId: 'm2m', clientSecretRef: 'shared', tokenEndpointAuthMethod: 'client_secret_basic' },
    };
    const h = await startHarness({ config: { mcpServers: { one: entry, two: entry } } });
    cleanups.push(() => h.close());
    await h.host.call('servers.setClientSecret', { server: 'one', value: secret });
    await h.waitForServer('one', 'ready');
    await h.host.call('servers.remove', { server: 'one' });
    expect(await readFile(path.join(h.dataDir, 'oauth.secrets.json'), 'utf8')).toContain(secret);
    await h.host.call('servers.restart', { server: 'two' });
    await h.waitForServer('two', 'ready');
  });
});
