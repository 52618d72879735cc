// Where the browser comes back after sign-in: a route of the web server (web mode) or an ephemeral
// 127.0.0.1 listener (desktop, RFC 8252). The core hands each callback's query to SignIns.complete.

export interface CallbackOutcome {
  ok: boolean;
  /** One sentence for the tab the browser is left on. */
  message: string;
}

export type CallbackHandler = (query: URLSearchParams) => Promise<CallbackOutcome>;

export interface CallbackEndpoint {
  /** The redirect URI to register and send; undefined when this mode cannot receive one. */
  redirectUrl(): Promise<string | undefined>;
  /** Installs the core's handler; returns its removal. */
  attach(handler: CallbackHandler): () => void;
}

/** The small page the browser tab shows after the redirect. No script, no external resources. */
export function callbackPage(outcome: CallbackOutcome): string {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const title = outcome.ok ? 'Signed in' : 'Sign-in did not finish';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Switchboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>:root{color-scheme:light dark}body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1.5rem}h1{font-size:1.4rem}</style>
</head><body><h1>${title}</h1><p>${escape(outcome.message)}</p><p>You can close this tab and return to Switchboard.</p></body></html>`;
}
