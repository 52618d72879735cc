// The desktop app's redirect target per RFC 8252 §7.3: an http listener on 127.0.0.1, on a port the OS picks,
// started when the first sign-in needs it. It answers only GET /oauth/callback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callbackPage, type CallbackEndpoint, type CallbackHandler } from './callbackEndpoint.ts';

export class LoopbackListener implements CallbackEndpoint {
  private server: Server | undefined;
  private url: Promise<string> | undefined;
  private handler: CallbackHandler | undefined;

  redirectUrl(): Promise<string> {
    return (this.url ??= this.listen());
  }

  attach(handler: CallbackHandler): () => void {
    this.handler = handler;
    return () => {
      if (this.handler === handler) this.handler = undefined;
    };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.url = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(): Promise<string> {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (status: number, html: string) => {
        res.writeHead(status, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          'Referrer-Policy': 'no-referrer',
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        });
        res.end(html);
      };
      if (req.method !== 'GET' || url.pathname !== '/oauth/callback' || !this.handler) {
        send(404, callbackPage({ ok: false, message: 'Nothing is waiting for a sign-in here.' }));
        return;
      }
      this.handler(url.searchParams).then(
        (outcome) => send(outcome.ok ? 200 : 400, callbackPage(outcome)),
        () => send(500, callbackPage({ ok: false, message: 'Switchboard could not finish the sign-in.' })),
      );
    });
    server.unref();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/callback`;
  }
}
