// Web mode's MCP Apps sandbox origin: a second loopback listener that serves only the proxy page and
// its script, frameable only by the host page; the host page may frame only it.
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../app/base/logger.ts';
import { startWebMode, type RunningWebMode } from '../../../main/web/webMode.ts';

let web: RunningWebMode;
let dataDir: string;
let sandboxUrl: URL;

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-sandbox-'));
  web = await startWebMode({ dataDir, env: {}, logger: silentLogger, port: 0, staticDirs: [path.join(dataDir, 'no-ui')] });
  const info = await web.host.call('host.info', {});
  sandboxUrl = new URL(info.appSandbox!.url);
});

afterAll(async () => {
  await web?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the app sandbox origin', () => {
  it('is another loopback origin than the host page', () => {
    expect(sandboxUrl.hostname).toBe('127.0.0.1');
    expect(sandboxUrl.port).not.toBe(String(web.port));
  });

  it('serves the proxy page, frameable only by the host page, and a script that talks only to the host page origins', async () => {
    const page = await get(sandboxUrl.href);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/sandbox.js"></script>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`frame-ancestors http://127.0.0.1:${web.port} http://localhost:${web.port}`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/connect-src[^;]*(ws:|http:)/);
    expect(page.headers['x-frame-options']).toBeUndefined();
    // WebRTC blocked for the page and every frame under it (issue 24; proven in tests/e2e/apps.e2e.test.ts).
    expect(page.headers['connection-allowlist']).toBe('("*://*:*");webrtc=block');
    const script = await get(new URL('/sandbox.js', sandboxUrl).href);
    expect(() => new Function(script.body)).not.toThrow();
    expect(script.body).toContain(`["http://127.0.0.1:${web.port}","http://localhost:${web.port}"]`);
    expect(script.body).toContain("'allow-scripts'".replace(/'/g, '"'));
    expect(script.body).not.toContain('allow-same-origin');
  });

  it('serves nothing of the host: no renderer, no token exchange, no WebSocket, no other host name', async () => {
    expect((await get(new URL('/', sandboxUrl).href)).status).toBe(404);
    expect((await get(new URL('/index.html', sandboxUrl).href)).status).toBe(404);
    expect((await get(new URL('/?token=x', sandboxUrl).href)).status).toBe(404);
    expect((await get(sandboxUrl.href, { Host: `evil.test:${sandboxUrl.port}` })).status).toBe(403);
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${sandboxUrl.port}/ws`);
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(refused).toBe('refused');
  });

  it('lets the host page frame exactly the sandbox origin', async () => {
    const home = await get(`http://127.0.0.1:${web.port}/`);
    const csp = String(home.headers['content-security-policy']);
    expect(csp).toContain(`frame-src ${sandboxUrl.origin}`);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
