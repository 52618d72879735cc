// Web mode: serves the built renderer and the HostApi over a WebSocket on 127.0.0.1 only,
// behind a per-launch token, a loopback Host check and an own-Origin check (CVE-2025-49596).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HostService } from '../../app/api/contract.ts';
import type { Logger } from '../../app/base/logger.ts';
import { buildCsp, securityHeaders } from '../shared/csp.ts';
import { sendText, serveStatic } from './staticFiles.ts';
import { hasValidCookie, isLoopbackHost, isOwnOrigin, newToken, sessionCookie, tokensEqual } from './webAuth.ts';
import { attachWsSession, type WsSessionLimits } from './wsSession.ts';

export interface WebServerOptions {
  host: HostService;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  logger: Logger;
  /** Defaults to 32 random bytes. Tests may pass their own. */
  token?: string;
  limits?: Partial<WsSessionLimits & { hardMaxBytes: number }>;
}

export interface WebServer {
  /** The URL to open, carrying the token. Print it once; never log it. */
  url: string;
  origin: string;
  port: number;
  /** Drops every WebSocket client (they reconnect); the server keeps listening. */
  disconnectClients(): void;
  close(): Promise<void>;
}

/** Large enough for the largest legal params (servers.import: 1M characters, which JSON escaping can double). */
const DEFAULT_LIMITS: WsSessionLimits & { hardMaxBytes: number } = {
  softMaxBytes: 4 * 1024 * 1024,
  hardMaxBytes: 16 * 1024 * 1024,
  maxInFlight: 64,
  maxBufferedBytes: 64 * 1024 * 1024,
};

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { host, staticDir, logger } = options;
  const token = options.token ?? newToken();
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  let port = 0;
  let headers: Record<string, string> = {};

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handleRequest(req, res).catch((error: unknown) => {
      logger.error('web request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendText(res, 500, 'Something went wrong serving that file.', headers);
      else res.destroy();
    });
  };

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isLoopbackHost(req.headers.host, port)) {
      return sendText(res, 403, 'Forbidden: Switchboard answers only to 127.0.0.1, localhost or [::1] on its own port.', headers);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Only GET and HEAD are served here.', headers);
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!tokensEqual(offered, token)) {
        return sendText(res, 403, 'That link is not valid for this launch of Switchboard. Open the URL it printed in the terminal.', headers);
      }
      url.searchParams.delete('token');
      res.writeHead(303, { ...headers, 'Set-Cookie': sessionCookie(port, token), Location: url.pathname + url.search, 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (!hasValidCookie(req, port, token)) {
      return sendText(res, 401, 'Open Switchboard with the URL it printed in the terminal (it carries the access token).', headers);
    }
    if (url.pathname === '/ws') return sendText(res, 426, 'This address takes WebSocket connections only.', headers);
    await serveStatic(staticDir, url.pathname, req.method, res, headers);
  };

  const server = createServer(onRequest);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.hardMaxBytes, perMessageDeflate: false });
  const sessions = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const reject = (status: number, text: string, message: string): void => {
      logger.warn('web socket refused', { reason: message });
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${message}\n`);
      socket.destroy();
    };
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname !== '/ws') return reject(404, 'Not Found', 'WebSocket connections go to /ws.');
    if (!isLoopbackHost(req.headers.host, port)) return reject(403, 'Forbidden', 'The Host header is not this loopback server.');
    if (!isOwnOrigin(req.headers.origin, req.headers.host, port)) return reject(403, 'Forbidden', 'The Origin is not this app.');
    if (!hasValidCookie(req, port, token)) return reject(403, 'Forbidden', 'Missing or wrong access token.');
    wss.handleUpgrade(req, socket, head, (ws) => {
      sessions.add(ws);
      const stop = attachWsSession(ws, host, logger, limits);
      ws.on('close', (code, reason) => {
        sessions.delete(ws);
        stop();
        if (code === 1009) logger.warn('web socket closed: frame over the hard size limit', { reason: reason.toString() });
      });
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  headers = securityHeaders(buildCsp({ connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] }));

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    port,
    disconnectClients: () => {
      for (const ws of sessions) ws.terminate();
    },
    close: () =>
      (closing ??= (async () => {
        for (const ws of sessions) ws.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })()),
  };
}
