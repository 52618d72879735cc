// Web mode's second loopback origin: serves the MCP Apps sandbox-proxy page and its script, and nothing
// else — no renderer, no WebSocket, no token, no cookie. Its port differs from the host page's, so
// the browser treats it as another origin (main/shared/sandboxProxy.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SANDBOX_PAGE_PATH, SANDBOX_SCRIPT_PATH, sandboxHeaders, sandboxPage, sandboxScript } from '../shared/sandboxProxy.ts';
import { isLoopbackHost } from './webAuth.ts';

export interface SandboxServer {
  /** The proxy page's URL. */
  url: string;
  origin: string;
  /** The host page's port, once it listens: only its origins may frame the proxy or talk to it. */
  setHostPort(port: number): void;
  close(): Promise<void>;
}

export async function startSandboxServer(): Promise<SandboxServer> {
  let port = 0;
  let hostOrigins: string[] = [];

  const send = (res: ServerResponse, status: number, type: string, body: string, head: boolean): void => {
    res.writeHead(status, { ...sandboxHeaders(hostOrigins), 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(head ? undefined : body);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const head = req.method === 'HEAD';
    if (!isLoopbackHost(req.headers.host, port)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden.', head);
    if (req.method !== 'GET' && !head) return send(res, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD are served here.', head);
    if (hostOrigins.length === 0) return send(res, 503, 'text/plain; charset=utf-8', 'Switchboard is still starting.', head);
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname === SANDBOX_PAGE_PATH) return send(res, 200, 'text/html; charset=utf-8', sandboxPage(), head);
    if (pathname === SANDBOX_SCRIPT_PATH) return send(res, 200, 'text/javascript; charset=utf-8', sandboxScript(hostOrigins), head);
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found.', head);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('upgrade', (_req, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}${SANDBOX_PAGE_PATH}`,
    origin,
    setHostPort(hostPort) {
      hostOrigins = [`http://127.0.0.1:${hostPort}`, `http://localhost:${hostPort}`];
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}
