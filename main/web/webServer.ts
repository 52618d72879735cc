// Web mode: serves the built renderer and the HostApi over a WebSocket on 127.0.0.1 only,
// behind a loopback Host check, an own-Origin check (CVE-2025-49596) and a sign-in on the
// socket's first frame (wsHello.ts). Pages are only code; no cookie is ever set.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HostService } from '../../app/api/contract.ts';
import type { Logger } from '../../app/base/logger.ts';
import { buildCsp, securityHeaders } from '../shared/csp.ts';
import { sendText, serveStatic } from './staticFiles.ts';
import { WebAccess } from './webAccess.ts';
import { isLoopbackHost, isOwnOrigin } from './webAuth.ts';
import { awaitHello } from './wsHello.ts';
import { attachWsSession, type WsSessionLimits } from './wsSession.ts';
import { CALLBACK_PATH, type OAuthCallbackRoute } from './oauthCallbackRoute.ts';

export interface WebServerOptions {
  host: HostService;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  logger: Logger;
  /** Who may sign in; defaults to a fresh launch token. */
  access?: WebAccess;
  limits?: Partial<WebLimits>;
  /** Where the browser returns after an OAuth sign-in (answered without the access token; matched by state). */
  oauthCallback?: OAuthCallbackRoute;
  /** The MCP Apps sandbox-proxy origin: the only thing the page may frame. */
  frameOrigin?: string;
}

type WebLimits = WsSessionLimits & {
  hardMaxBytes: number;
  /** A socket that sends no hello within this is closed. A tab sends its hello as soon as the socket opens. */
  helloTimeoutMs: number;
  /**
   * Sockets waiting for their hello at once. Every peer is 127.0.0.1, so there is no "per peer" to
   * count by: when the pool is full the oldest waiting socket is dropped to make room, never the
   * newcomer, so idle sockets cannot keep a real tab out.
   */
  maxUnsignedSockets: number;
};

export interface WebServer {
  /** The URL to open, carrying the launch token in its fragment (never sent to a server). Print it once; never log it. */
  url: string;
  /** A new one-time link for another tab or browser. */
  newSignInLink(): { url: string; expiresAt: number };
  origin: string;
  port: number;
  /** Drops every WebSocket client (they reconnect); the server keeps listening. */
  disconnectClients(): void;
  close(): Promise<void>;
}

/** Large enough for the largest legal params (servers.import: 1M characters, which JSON escaping can double). */
const DEFAULT_LIMITS: WebLimits = {
  helloTimeoutMs: 3_000,
  maxUnsignedSockets: 16,
  softMaxBytes: 4 * 1024 * 1024,
  hardMaxBytes: 16 * 1024 * 1024,
  maxInFlight: 64,
  maxBufferedBytes: 64 * 1024 * 1024,
};

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { host, staticDir, logger } = options;
  const access = options.access ?? new WebAccess();
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
    if (url.pathname === CALLBACK_PATH && options.oauthCallback && req.method === 'GET') {
      return options.oauthCallback.serve(url.searchParams, res, headers);
    }
    if (url.pathname === '/ws') return sendText(res, 426, 'This address takes WebSocket connections only.', headers);
    // The install route opens the app itself; the renderer reads `?link=` and shows its review.
    await serveStatic(staticDir, url.pathname === '/install' ? '/' : url.pathname, req.method, res, headers);
  };

  const server = createServer(onRequest);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.hardMaxBytes, perMessageDeflate: false });
  const sessions = new Set<WebSocket>();
  /** Sockets waiting for their hello, oldest first. */
  const unsigned = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const reject = (status: number, text: string, message: string): void => {
      logger.warn('web socket refused', { reason: message });
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${message}\n`);
      socket.destroy();
    };
    const target = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (target.pathname !== '/ws') return reject(404, 'Not Found', 'WebSocket connections go to /ws.');
    if (target.search !== '') return reject(400, 'Bad Request', 'Credentials go in the first message, never in the URL.');
    if (!isLoopbackHost(req.headers.host, port)) return reject(403, 'Forbidden', 'The Host header is not this loopback server.');
    if (!isOwnOrigin(req.headers.origin, req.headers.host, port)) return reject(403, 'Forbidden', 'The Origin is not this app.');
    wss.handleUpgrade(req, socket, head, (ws) => {
      for (const oldest of unsigned) {
        if (unsigned.size < limits.maxUnsignedSockets) break;
        unsigned.delete(oldest);
        logger.warn('web socket dropped', { reason: 'too many connections waiting to sign in; the oldest made room for a new one' });
        oldest.terminate();
      }
      sessions.add(ws);
      unsigned.add(ws);
      let stop = (): void => {};
      ws.on('close', (code, reason) => {
        sessions.delete(ws);
        stop();
        if (code === 1009) logger.warn('web socket closed: frame over the hard size limit', { reason: reason.toString() });
      });
      awaitHello(ws, access, limits.helloTimeoutMs, (signedIn) => {
        unsigned.delete(ws);
        if (!signedIn) return logger.warn('web socket refused', { reason: 'no valid sign-in on its first message' });
        stop = attachWsSession(ws, host, logger, limits);
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
  options.oauthCallback?.listening(origin);
  headers = securityHeaders(
    buildCsp({ connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`], ...(options.frameOrigin ? { frame: [options.frameOrigin] } : {}) }),
  );

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/#token=${access.launchToken}`,
    newSignInLink: () => {
      const ticket = access.mintTicket();
      return { url: `${origin}/#token=${ticket.token}`, expiresAt: ticket.expiresAt };
    },
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
