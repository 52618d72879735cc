// A real core (temp data dir) behind a real web server on 127.0.0.1:0, with every call that
// reaches the core recorded, plus helpers to open sockets and sign them in (or not).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { HostMethod, HostService } from '../../../app/api/contract.ts';
import { createHost } from '../../../app/host/createHost.ts';
import { silentLogger } from '../../../app/base/logger.ts';
import { WebAccess } from '../../../main/web/webAccess.ts';
import { startWebServer, type WebServer, type WebServerOptions } from '../../../main/web/webServer.ts';

export interface Harness {
  server: WebServer;
  host: HostService;
  token: string;
  dataDir: string;
  staticDir: string;
  calls: HostMethod[];
  access: WebAccess;
  stop(): Promise<void>;
}

export async function startHarness(limits?: WebServerOptions['limits']): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-web-'));
  const staticDir = path.join(dataDir, 'renderer');
  await mkdir(staticDir);
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Switchboard</title><script type="module" src="/app.js"></script>');
  await writeFile(path.join(staticDir, 'app.js'), 'console.log("ok")');
  const late: { server?: WebServer } = {};
  const real = await createHost({ dataDir, env: {}, mode: 'test', watchConfig: false, newSignInLink: () => late.server!.newSignInLink() });
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
  const access = new WebAccess({ launchToken: token });
  const server = await startWebServer({ host, staticDir, logger: silentLogger, access, ...(limits ? { limits } : {}) });
  late.server = server;
  return {
    server,
    access,
    host,
    token,
    dataDir,
    staticDir,
    calls,
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
  return { Origin: h.server.origin };
}

export interface HelloAnswer {
  /** `{ welcome: { session } }` or `{ refused: { message } }`; undefined when the socket closed without a word. */
  frame?: Record<string, { session?: string; message?: string }> | undefined;
  /** The close code when the server closed the socket after answering. */
  closed?: number;
}

/** Sends a first frame and resolves with the server's answer; a refused socket also waits for its close. */
export function sayHello(ws: WebSocket, hello: unknown): Promise<HelloAnswer> {
  return new Promise((resolve) => {
    const answer: HelloAnswer = {};
    ws.once('message', (data) => {
      answer.frame = JSON.parse(data.toString()) as HelloAnswer['frame'];
      if (answer.frame?.welcome) resolve(answer);
    });
    ws.once('close', (code) => resolve({ ...answer, closed: code }));
    ws.send(typeof hello === 'string' ? hello : JSON.stringify(hello));
  });
}

/** A socket signed in with a fresh one-time ticket, and the session it was given. */
export async function signedInSocket(h: Harness): Promise<{ ws: WebSocket; session: string }> {
  const { ws } = await openSocket(h, goodHeaders(h));
  const answer = await sayHello(ws!, { hello: { token: h.access.mintTicket().token } });
  const session = answer.frame?.welcome?.session;
  if (!session) throw new Error(`not signed in: ${JSON.stringify(answer)}`);
  return { ws: ws!, session };
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
