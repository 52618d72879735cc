// Web mode's OAuth redirect target: GET /oauth/callback on the web server itself, matched by `state` in the core.
// It needs no access token: the browser comes back from another site, which sends no SameSite=Strict cookie;
// the single-use `state` is what ties the request to a sign-in the person started.
import type { ServerResponse } from 'node:http';
import { callbackPage, type CallbackEndpoint, type CallbackHandler } from '../../app/auth/callbackEndpoint.ts';

export const CALLBACK_PATH = '/oauth/callback';

export class OAuthCallbackRoute implements CallbackEndpoint {
  private handler: CallbackHandler | undefined;
  private setUrl!: (url: string) => void;
  private readonly url = new Promise<string>((resolve) => (this.setUrl = resolve));

  /** Called once the server listens. */
  listening(origin: string): void {
    this.setUrl(`${origin}${CALLBACK_PATH}`);
  }

  redirectUrl(): Promise<string> {
    return this.url;
  }

  attach(handler: CallbackHandler): () => void {
    this.handler = handler;
    return () => {
      if (this.handler === handler) this.handler = undefined;
    };
  }

  async serve(query: URLSearchParams, res: ServerResponse, headers: Record<string, string>): Promise<void> {
    const outcome = this.handler ? await this.handler(query) : { ok: false, message: 'Switchboard is not ready to finish a sign-in.' };
    res.writeHead(outcome.ok ? 200 : 400, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    });
    res.end(callbackPage(outcome));
  }
}
