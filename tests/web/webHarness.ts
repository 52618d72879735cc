// A real core (temp data dir) behind a real web server on 127.0.0.1:0, with every call that
// reaches the core recorded, plus helpers to open authenticated (or not) sockets.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { HostMethod, HostService } from '../../app/api/contract.ts';
import { createHost } from '../../app/host/createHost.ts';
import { silentLogger } from '../../app/base/logger.ts';
import { cookieName } from '../../main/web/webAuth.ts';
import { startWebServer, type WebServer, type WebServerOptions } from '../../main/web/webServer.ts';

export interface Harness {
  server: WebServer;
  host: HostService;
  token: string;
  dataDir: string;
  staticDir: string;
  calls: HostMethod[];
  cookie: string;
  stop(): Promise<void>;
}

export async function startHarness(limits?: WebServerOptions['limits']): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-web-'));
  const staticDir = path.join(dataDir, 'renderer');
  await mkdir(staticDir);
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Switchboard</title><script type="module" src="/app.js"></script>');
  await writeFile(path.join(staticDir, 'app.js'), 'console.log("ok")');
  const real = await createHost({ dataDir, env: {}, mode: 'test', watchConfig: false });
  const calls: HostMethod[] = [];
  const host: HostService = {
    call: (method, params) => {
      calls.push(method);
      return real.call(method, params);
    },
    callParsed: (method, params) => {
      calls.push(method);
      return real.callParsed(method, params);
    },
    on: (event, fn) => real.on(event, fn),
    dispose: () => real.dispose(),
  };
  const token = 'test-token-' + Math.random().toString(36).slice(2);
  const server = await startWebServer({ host, staticDir, logger: silentLogger, token, ...(limits ? { limits } : {}) });
  return {
    server,
    host,
    token,
    dataDir,
    staticDir,
    calls,
    cookie: `${cookieName(server.port)}=${token}`,
    async stop() {
      await server.close();
      await real.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface OpenResult {
  ws?: WebSocket;
  status?: number;
}

/** Opens a socket with the given headers; resolves with the socket, or the HTTP status it was refused with. */
export function openSocket(h: Harness, headers: Record<string, string>, url = `ws://127.0.0.1:${h.server.port}/ws`): Promise<OpenResult> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once('error', (error) => {
      if (ws.readyState !== ws.OPEN) reject(error);
    });
  });
}

export function goodHeaders(h: Harness): Record<string, string> {
  return { Origin: h.server.origin, Cookie: h.cookie };
}

/** Sends a frame and resolves with the next response frame that carries an id or an error. */
export function request(ws: WebSocket, frame: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as Record<string, unknown>;
      if ('event' in parsed) return;
      ws.off('message', onMessage);
      resolve(parsed);
    };
    ws.on('message', onMessage);
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

export const upsertParams = {
  name: 'intruder',
  entry: { transport: 'stdio', command: process.execPath, args: ['-e', 'setTimeout(()=>{}, 60000)'] },
};
