// Web mode's defences, one attack per test: each is refused, nothing reaches the core,
// nothing is written, and the server keeps serving.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { eventually } from '../../support/eventually.ts';
import { goodHeaders, openSocket, request, sayHello, signedInSocket, startHarness, upsertParams, type Harness } from './webHarness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ softMaxBytes: 64 * 1024, hardMaxBytes: 256 * 1024 });
});
afterEach(async () => {
  await h.stop();
});

const configFile = () => path.join(h.dataDir, 'config.json');

async function expectAliveAndUntouched(): Promise<void> {
  const { ws } = await signedInSocket(h);
  const reply = await request(ws, { id: 99, method: 'servers.list', params: {} });
  expect(reply).toEqual({ id: 99, result: [] });
  ws.close();
  expect(existsSync(configFile())).toBe(false);
  expect(h.calls).toEqual(['servers.list']);
}

describe('web mode refuses', () => {
  it('a WebSocket whose first frame is a request instead of a sign-in, reaching no method', async () => {
    const { ws } = await openSocket(h, goodHeaders(h));
    const answer = await sayHello(ws!, { id: 1, method: 'servers.upsert', params: upsertParams });
    expect(answer.frame?.refused?.message).toMatch(/first message/);
    expect(answer.closed).toBe(4401);
    await expectAliveAndUntouched();
  });

  it('a WebSocket with a wrong token or an unknown session', async () => {
    for (const hello of [{ token: 'nope' }, { session: 'nope' }, { none: true }, { token: h.token + 'x' }]) {
      const { ws } = await openSocket(h, goodHeaders(h));
      const answer = await sayHello(ws!, { hello });
      expect(answer.closed, JSON.stringify(hello)).toBe(4401);
      expect(answer.frame?.welcome).toBeUndefined();
    }
    await expectAliveAndUntouched();
  });

  it('a WebSocket that never signs in, closing it', async () => {
    await h.stop();
    h = await startHarness({ helloTimeoutMs: 300 });
    const { ws } = await openSocket(h, goodHeaders(h));
    const code = await new Promise<number>((resolve) => ws!.once('close', (c) => resolve(c)));
    expect(code).toBe(4401);
    await expectAliveAndUntouched();
  });

  it('a flood of idle sockets that never sign in: the oldest waiting ones make room, so a real sign-in still gets through (issue 24)', async () => {
    await h.stop();
    h = await startHarness(); // the real limits: 16 waiting sockets
    const idle: { ws?: WebSocket; status?: number }[] = [];
    for (let i = 0; i < 24; i++) idle.push(await openSocket(h, goodHeaders(h)));
    expect(idle.map((s) => s.status ?? 'open')).toEqual(idle.map(() => 'open'));
    const { ws, session } = await signedInSocket(h);
    expect(session).toMatch(/\S{20,}/);
    // The flood is not left holding slots: the oldest were dropped to make room, the rest time out.
    await eventually(() => idle.every((s) => s.ws!.readyState === s.ws!.CLOSED), 'the idle sockets to be closed');
    ws.close();
    await expectAliveAndUntouched();
  });

  it('a socket that sends nothing is closed within a few seconds by default', async () => {
    const started = Date.now();
    const { ws } = await openSocket(h, goodHeaders(h));
    const code = await new Promise<number>((resolve) => ws!.once('close', (c) => resolve(c)));
    expect(code).toBe(4401);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a WebSocket from a foreign Origin (cross-site WebSocket)', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${h.server.port + 1}`, `https://127.0.0.1:${h.server.port}`]) {
      const result = await openSocket(h, { Origin: origin });
      expect(result.status, origin).toBe(403);
    }
    const noOrigin = await openSocket(h, {});
    expect(noOrigin.status).toBe(403);
    await expectAliveAndUntouched();
  });

  it('a forged Host header on pages and sockets (DNS rebinding)', async () => {
    const page = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ get }) => {
        get({ host: '127.0.0.1', port: h.server.port, path: `/?token=${h.token}`, headers: { Host: `evil.example:${h.server.port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      }, reject);
    });
    expect(page).toBe(403);
    const socket = await openSocket(h, { Host: `evil.example:${h.server.port}`, Origin: `http://evil.example:${h.server.port}` });
    expect(socket.status).toBe(403);
    await expectAliveAndUntouched();
  });

  it('an oversized frame with a structured error, keeping the connection open', async () => {
    const { ws } = await signedInSocket(h);
    const big = JSON.stringify({ id: 7, method: 'servers.upsert', params: { ...upsertParams, pad: 'x'.repeat(100 * 1024) } });
    const reply = await request(ws, big);
    expect(reply).toMatchObject({ id: 7, error: { code: 'too-large' } });
    expect(await request(ws, { id: 8, method: 'host.info', params: {} })).toMatchObject({ id: 8, result: { mode: 'test' } });
    ws.close();
    expect(existsSync(configFile())).toBe(false);
    expect(h.calls).toEqual(['host.info']);
  });

  it('a frame over the hard limit by closing that socket with 1009, the server living on', async () => {
    const { ws } = await signedInSocket(h);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(300 * 1024));
    expect(await closed).toBe(1009);
    await expectAliveAndUntouched();
  });

  it('an unknown method, invalid params, non-JSON and binary frames with structured errors', async () => {
    const { ws } = await signedInSocket(h);
    expect(await request(ws, { id: 1, method: 'process.exec', params: { cmd: 'rm -rf /' } })).toMatchObject({ id: 1, error: { code: 'unknown-method' } });
    expect(await request(ws, { id: 2, method: '__proto__', params: {} })).toMatchObject({ id: 2, error: { code: 'unknown-method' } });
    const invalid = await request(ws, { id: 3, method: 'servers.upsert', params: { ...upsertParams, entry: { transport: 'stdio', command: '' } } });
    expect(invalid).toMatchObject({ id: 3, error: { code: 'invalid-params' } });
    expect((invalid.error as { issues: { path: string }[] }).issues[0]?.path).toBe('entry.command');
    expect(await request(ws, { id: 4, method: 'servers.upsert', params: { ...upsertParams, extra: true } })).toMatchObject({
      id: 4,
      error: { code: 'invalid-params' },
    });
    expect(await request(ws, 'this is not json')).toMatchObject({ id: null, error: { code: 'invalid-params' } });
    expect(await request(ws, { method: 'servers.list' })).toMatchObject({ id: null, error: { code: 'invalid-params' } });
    const binary = new Promise<Record<string, unknown>>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    ws.send(Buffer.from(JSON.stringify({ id: 5, method: 'servers.list', params: {} })), { binary: true });
    expect(await binary).toMatchObject({ error: { code: 'invalid-params' } });
    ws.close();
    await expectAliveAndUntouched();
  });

  it('a burst of 1,000 requests: every one answered, the excess rate-limited, the server alive after', async () => {
    const { ws } = await signedInSocket(h);
    const replies = new Map<number, Record<string, unknown>>();
    const done = new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as Record<string, unknown>;
        if (typeof frame.id === 'number') replies.set(frame.id, frame);
        if (replies.size === 1000) resolve();
      });
    });
    for (let id = 0; id < 1000; id++) ws.send(JSON.stringify({ id, method: 'servers.list', params: {} }));
    await done;
    const limited = [...replies.values()].filter((r) => (r.error as { code?: string } | undefined)?.code === 'rate-limited');
    const answered = [...replies.values()].filter((r) => 'result' in r);
    expect(limited.length + answered.length).toBe(1000);
    expect(answered.length).toBeGreaterThan(0);
    expect(limited.length).toBeGreaterThan(0);
    ws.close();
    const { ws: again } = await signedInSocket(h);
    expect(await request(again!, { id: 1, method: 'host.info', params: {} })).toMatchObject({ id: 1, result: { mode: 'test' } });
    again.close();
  });
});

describe('web mode lets the owner in', () => {
  it('serves the page (code only, no credential) with strict headers and never sets a cookie', async () => {
    const page = await fetch(h.server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).not.toContain(h.token);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses paths that climb out of the renderer folder', async () => {
    const res = await fetch(`${h.server.origin}/..%2f..%2fconfig.json`);
    expect(res.status).toBe(404);
  });

  it('pushes core events to the socket as { event, payload }', async () => {
    const { ws } = await signedInSocket(h);
    const event = new Promise<Record<string, unknown>>((resolve) =>
      ws.on('message', (d) => {
        const f = JSON.parse(d.toString()) as Record<string, unknown>;
        if (f.event === 'conversations.changed') resolve(f);
      }),
    );
    await request(ws, { id: 1, method: 'conversations.create', params: { title: 'Hello' } });
    expect((await event).payload).toMatchObject({ conversations: [{ title: 'Hello' }] });
    ws.close();
  });

  it('binds to 127.0.0.1 only: another local address of this machine gets no answer', async () => {
    expect(h.server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = new URL(h.server.origin).port;
    // 127.0.0.2 is loopback too, but not the address the server bound: a server on 0.0.0.0 would answer it.
    await expect(fetch(`http://127.0.0.2:${port}/`, { headers: { host: `127.0.0.1:${port}` } })).rejects.toThrow();
  });
});
