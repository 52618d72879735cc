// The API key goes only over https, or plain http to this machine: settings.update refuses an
// http:// base URL to another host with a message for the base-URL field, and an insecure
// ANTHROPIC_BASE_URL (or on-disk settings.json) is not used, with a notice saying so.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HostError } from '../../../app/api/errors.ts';
import type { HostService } from '../../../app/api/contract.ts';
import { createHost } from '../../../app/host/createHost.ts';

let dataDir: string | undefined;
let host: HostService | undefined;
afterEach(async () => {
  await host?.dispose();
  host = undefined;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, settings?: unknown): Promise<HostService> {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-baseurl-'));
  if (settings) await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify(settings));
  host = await createHost({ dataDir, env, mode: 'test', watchConfig: false });
  return host;
}

describe('the API base URL', () => {
  it('refuses plain http to another host, naming the field and why', async () => {
    const h = await start();
    for (const baseUrl of ['http://gateway.example.com', 'http://10.0.0.5:8080/v1', 'http://127.0.0.1.evil.example/']) {
      const error = await h.call('settings.update', { baseUrl }).catch((e: unknown) => e);
      expect(error, baseUrl).toBeInstanceOf(HostError);
      expect((error as HostError).code).toBe('invalid-params');
      expect((error as HostError).issues?.[0]).toMatchObject({ path: 'baseUrl', message: expect.stringMatching(/unencrypted/) });
    }
    expect((await h.call('settings.get', {})).effectiveBaseUrl).toBe('https://api.anthropic.com');
  });

  it('accepts https anywhere and http to loopback', async () => {
    const h = await start();
    for (const baseUrl of ['https://gateway.example.com/anthropic', 'http://127.0.0.1:8080', 'http://localhost:3000/', 'http://[::1]:9000', '']) {
      await expect(h.call('settings.update', { baseUrl }), baseUrl).resolves.toMatchObject({ baseUrl });
    }
  });

  it('does not use an insecure ANTHROPIC_BASE_URL and says so in a notice', async () => {
    const h = await start({ ANTHROPIC_BASE_URL: 'http://proxy.example.net', ANTHROPIC_API_KEY: 'sk-ant-env-key-123456' });
    expect((await h.call('settings.get', {})).effectiveBaseUrl).toBe('https://api.anthropic.com');
    const info = await h.call('host.info', {});
    expect(info.notices.map((n) => n.message).join('\n')).toMatch(
      /ANTHROPIC_BASE_URL is not used: Plain http:\/\/ would send your API key unencrypted to proxy\.example\.net/,
    );
  });

  it('does not use an insecure base URL edited into settings.json', async () => {
    const h = await start({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000' }, { baseUrl: 'http://evil.example' });
    expect((await h.call('settings.get', {})).effectiveBaseUrl).toBe('http://127.0.0.1:4000');
  });
});
