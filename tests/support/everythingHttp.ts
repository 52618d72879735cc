// Serves server-everything in-process on 127.0.0.1 (port 0): over Streamable HTTP, or legacy SSE only.
// Never the package's own launcher, which binds every interface.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
// @ts-expect-error: the package ships no type declarations for this file.
import { createServer as createEverything } from '../../node_modules/@modelcontextprotocol/server-everything/dist/server/index.js';

interface EverythingFactory {
  server: { connect(t: unknown): Promise<void>; close(): Promise<void> };
  cleanup(sessionId?: string): void;
}
const makeEverything = createEverything as () => EverythingFactory;

export interface LocalMcpHttp {
  url: string;
  /** Headers of every request received, in order. */
  requests: { method: string; path: string; headers: http.IncomingHttpHeaders }[];
  /** Forgets every session, as a restarted server would: later requests with an old session id get 404. */
  forgetSessions(): void;
  /** From now on, requests are held without an answer and open streams stay silent (a hung server behind a live socket). */
  freeze(): void;
  close(): Promise<void>;
}

async function listen(server: http.Server, path: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
}

function closer(server: http.Server, cleanups: (() => Promise<void> | void)[]): () => Promise<void> {
  return async () => {
    for (const c of cleanups.splice(0)) await Promise.resolve(c()).catch(() => {});
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

/** server-everything over Streamable HTTP at `/mcp`, one session per client; `port` 0 picks a free one (pass an old one to come back). */
export async function startEverythingHttp(port = 0): Promise<LocalMcpHttp> {
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; factory: EverythingFactory }>();
  const requests: LocalMcpHttp['requests'] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  let frozen = false;
  const server = http.createServer(async (req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    if (frozen) return;
    if (!req.url?.startsWith('/mcp')) return void res.writeHead(404).end();
    const sid = req.headers['mcp-session-id'];
    const existing = typeof sid === 'string' ? sessions.get(sid) : undefined;
    if (existing) return void (await existing.transport.handleRequest(req, res));
    if (sid) return void res.writeHead(404).end('unknown session');
    if (req.method !== 'POST') return void res.writeHead(405).end();
    const factory = makeEverything();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, { transport, factory }),
    });
    cleanups.push(async () => {
      await transport.close();
      factory.cleanup(transport.sessionId);
    });
    await factory.server.connect(transport);
    await transport.handleRequest(req, res);
  });
  const url = await listen(server, '/mcp', port);
  return { url, requests, forgetSessions: () => sessions.clear(), freeze: () => void (frozen = true), close: closer(server, cleanups) };
}

/** server-everything over the legacy SSE transport only (GET /sse + POST /messages); a POST to /sse gets 405. */
export async function startEverythingSse(port = 0): Promise<LocalMcpHttp> {
  const sessions = new Map<string, SSEServerTransport>();
  const requests: LocalMcpHttp['requests'] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  let frozen = false;
  const server = http.createServer(async (req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    if (frozen) return;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/sse' && req.method === 'GET') {
      const factory = makeEverything();
      const transport = new SSEServerTransport('/messages', res);
      sessions.set(transport.sessionId, transport);
      cleanups.push(async () => {
        await transport.close();
        factory.cleanup(transport.sessionId);
      });
      await factory.server.connect(transport);
      return;
    }
    if (url.pathname === '/messages' && req.method === 'POST') {
      const transport = sessions.get(url.searchParams.get('sessionId') ?? '');
      if (!transport) return void res.writeHead(404).end('unknown session');
      return void (await transport.handlePostMessage(req, res));
    }
    res.writeHead(405, { 'content-type': 'text/plain' }).end('Method Not Allowed');
  });
  const url = await listen(server, '/sse', port);
  return {
    url,
    requests,
    forgetSessions: () => sessions.clear(),
    freeze: () => void (frozen = true),
    close: closer(server, cleanups),
  };
}
