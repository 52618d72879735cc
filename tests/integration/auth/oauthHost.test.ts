// Sign-in through the contract, in the host (test mode: the loopback listener) and in web mode (the web
// server's /oauth/callback route): the server turns ready without a restart, and no token leaks into views,
// events, logs or config.json.
import http from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../app/base/logger.ts';
import { startWebMode } from '../../../main/web/webMode.ts';
import { startOAuthFixture, type OAuthFixture } from '../../fixtures/oauthServer.ts';
import { startHarness } from '../../support/hostHarness.ts';
import { eventually } from '../../support/eventually.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fixture(): Promise<OAuthFixture> {
  const as = await startOAuthFixture({ discovery: 'header' });
  cleanups.push(() => as.close());
  return as;
}

async function tokensOf(dataDir: string): Promise<string[]> {
  const file = JSON.parse(await readFile(path.join(dataDir, 'oauth.secrets.json'), 'utf8')) as Record<string, string>;
  return Object.values(file).flatMap((v) => {
    const t = (JSON.parse(v) as { tokens?: Record<string, unknown> }).tokens ?? {};
    return [t.access_token, t.refresh_token, t.id_token].filter((x): x is string => typeof x === 'string');
  });
}

describe('sign-in through the contract', () => {
  it('shows Sign in, signs in without a restart, says as whom, never shows a token, and signs out', async () => {
    const as = await fixture();
    const h = await startHarness({ config: { mcpServers: { guarded: { type: 'http', url: as.mcpUrl, oauth: { scopes: ['mcp'], keepMe: 1 } } } } });
    cleanups.push(() => h.close());
    const waiting = await h.waitForServer('guarded', 'needs-sign-in');
    expect(waiting.state).toMatchObject({ authorizationHost: new URL(as.origin).host, message: expect.stringContaining('Sign in to') });

    const start = await h.host.call('servers.signIn', { server: 'guarded' });
    expect(start).toMatchObject({ kind: 'open', opened: false, authorizationHost: new URL(as.origin).host });
    const back = await as.approve(start.kind === 'open' ? start.url : '');
    expect(back.status).toBe(200);
    const ready = await h.waitForServer('guarded', 'ready');
    expect(ready.tools.map((t) => t.name)).toContain('whoami');
    expect(ready.auth).toMatchObject({ signedIn: true, account: 'ada@example.test' });
    // The server's log records the host's own action, and says the host (not the person) restarted it.
    const logged = (await h.host.call('servers.logs', { server: 'guarded' })).map((l) => l.text);
    expect(logged).toContain('you signed in');
    expect(logged).toContain('Switchboard restarted it to use the new sign-in');
    expect(logged).not.toContain('restarted by you');

    const tokens = await tokensOf(h.dataDir);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    const seen = JSON.stringify([h.events, await h.host.call('servers.list', {}), await h.host.call('servers.logs', { server: 'guarded' })]);
    const config = await readFile(path.join(h.dataDir, 'config.json'), 'utf8');
    for (const t of tokens) {
      expect(seen).not.toContain(t);
      expect(config).not.toContain(t);
    }
    expect(JSON.parse(config).mcpServers.guarded.oauth.keepMe).toBe(1);

    const out = await h.host.call('servers.signOut', { server: 'guarded' });
    expect(out.auth?.signedIn ?? false).toBe(false);
    await h.waitForServer('guarded', 'needs-sign-in');
    expect(as.revoked).toHaveLength(1);
    expect((await h.host.call('servers.logs', { server: 'guarded' })).map((l) => l.text)).toContain('you signed out');
  });

  it('takes a client secret through the contract into the secret store, never into config, views or events, and connects', async () => {
    const as = await startOAuthFixture({ clients: [{ id: 'm2m', secret: 'typed-secret-0123456789', method: 'client_secret_basic' }] });
    cleanups.push(() => as.close());
    const h = await startHarness({
      config: {
        mcpServers: {
          batch: {
            type: 'http',
            url: as.mcpUrl,
            oauth: { grant: 'client_credentials', clientId: 'm2m', clientSecretRef: 'batch', tokenEndpointAuthMethod: 'client_secret_basic' },
          },
        },
      },
    });
    cleanups.push(() => h.close());
    const failed = await h.waitForServer('batch', 'error');
    expect(failed.auth).toMatchObject({ clientSecretRef: 'batch', clientSecretSet: false });
    const view = await h.host.call('servers.setClientSecret', { server: 'batch', value: 'typed-secret-0123456789' });
    expect(view.auth).toMatchObject({ clientSecretSet: true });
    const ready = await h.waitForServer('batch', 'ready');
    expect(ready.auth).toMatchObject({ signedIn: true, grant: 'client_credentials' });
    const seen = JSON.stringify([h.events, await h.host.call('servers.list', {}), await h.host.call('servers.logs', { server: 'batch' })]);
    expect(seen).not.toContain('typed-secret-0123456789');
    expect(await readFile(path.join(h.dataDir, 'config.json'), 'utf8')).not.toContain('typed-secret');
    expect(await readFile(path.join(h.dataDir, 'oauth.secrets.json'), 'utf8')).toContain(`client-secret:${new URL(as.mcpUrl).origin}:batch`);
  });

  it('never sends a stored client secret to another origin that names the same clientSecretRef', async () => {
    // Attack: a pasted or linked entry for another server reuses the guessable ref "batch". Launch approval
    // shows its URL only, so once approved its token endpoint would receive the secret typed for "batch".
    const as = await startOAuthFixture({ clients: [{ id: 'm2m', secret: 'typed-secret-0123456789', method: 'client_secret_basic' }] });
    const evil = await startOAuthFixture({ clients: [{ id: 'm2m', secret: 'anything', method: 'client_secret_post' }] });
    cleanups.push(
      () => as.close(),
      () => evil.close(),
    );
    const h = await startHarness({
      config: {
        mcpServers: {
          batch: {
            type: 'http',
            url: as.mcpUrl,
            oauth: { grant: 'client_credentials', clientId: 'm2m', clientSecretRef: 'batch', tokenEndpointAuthMethod: 'client_secret_basic' },
          },
        },
      },
    });
    cleanups.push(() => h.close());
    await h.host.call('servers.setClientSecret', { server: 'batch', value: 'typed-secret-0123456789' });
    await h.waitForServer('batch', 'ready');

    const entry = {
      type: 'http',
      url: evil.mcpUrl,
      oauth: { grant: 'client_credentials', clientId: 'm2m', clientSecretRef: 'batch', tokenEndpointAuthMethod: 'client_secret_post' },
    };
    await h.host.call('servers.import', { json: JSON.stringify({ mcpServers: { helper: entry } }) });
    const waiting = (await h.host.call('servers.list', {})).find((s) => s.name === 'helper')!;
    await h.host.call('servers.approveLaunch', { server: 'helper', fingerprint: waiting.launch.fingerprint });
    const helper = await h.waitForServer('helper', 'error');
    expect(helper.auth).toMatchObject({ clientSecretRef: 'batch', clientSecretSet: false });
    expect(JSON.stringify(evil.tokenRequests)).not.toContain('typed-secret');
  });

  it('refuses to sign in a local server', async () => {
    const h = await startHarness({ config: { mcpServers: { local: { command: 'definitely-not-a-command-xyz' } } } });
    cleanups.push(() => h.close());
    await expect(h.host.call('servers.signIn', { server: 'local' })).rejects.toMatchObject({ code: 'invalid-params' });
  });
});

describe('web mode', () => {
  it('takes the redirect on its own /oauth/callback without the access token, and the server turns ready', async () => {
    const as = await fixture();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-oauth-web-'));
    await writeFile(path.join(dataDir, 'config.json'), JSON.stringify({ mcpServers: { guarded: { url: as.mcpUrl } } }));
    const web = await startWebMode({ dataDir, env: {}, logger: silentLogger, staticDirs: [dataDir] });
    cleanups.push(async () => {
      await web.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
    // A URL from config.json on disk is contacted only after the person approves it (launch approval).
    const [waiting] = await web.host.call('servers.list', {});
    if (!waiting) throw new Error('expected the configured server');
    expect(waiting.launch).toMatchObject({ approved: false, commandLine: as.mcpUrl });
    await web.host.call('servers.approveLaunch', { server: 'guarded', fingerprint: waiting.launch.fingerprint });
    await eventually(async () => (await web.host.call('servers.list', {}))[0]?.state.kind === 'needs-sign-in', 'the server to ask for sign-in', {
      everyMs: 50,
    });
    const start = await web.host.call('servers.signIn', { server: 'guarded' });
    if (start.kind !== 'open') throw new Error('expected a URL');
    expect(new URL(start.url).searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${web.port}/oauth/callback`);

    // A forged Host never reaches the route (DNS rebinding), and an unknown state is refused.
    const forged = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: web.port, path: '/oauth/callback?state=x&code=y', headers: { Host: 'evil.example.test' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(forged).toBe(403);
    const unknown = await fetch(`http://127.0.0.1:${web.port}/oauth/callback?state=made-up&code=y`);
    expect(unknown.status).toBe(400);

    const back = await as.approve(start.url);
    expect(back.location.startsWith(`http://127.0.0.1:${web.port}/oauth/callback?`)).toBe(true);
    expect(back.status).toBe(200);
    expect(back.body).toContain('You can close this tab');
    await eventually(async () => (await web.host.call('servers.list', {}))[0]?.state.kind === 'ready', 'the signed-in server to become ready', { everyMs: 50 });
  });
});
