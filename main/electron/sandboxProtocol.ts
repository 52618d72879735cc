// Electron's MCP Apps sandbox origin: the proxy page (main/shared/sandboxProxy.ts) served from its own
// scheme, `app-sandbox://proxy/`, so it is never the renderer's `app://switchboard` origin. It serves only
// the page and its script, frameable only by the renderer.
import type { Protocol } from 'electron';
import { SANDBOX_PAGE_PATH, SANDBOX_SCRIPT_PATH, sandboxHeaders, sandboxPage, sandboxScript } from '../shared/sandboxProxy.ts';

export const SANDBOX_SCHEME = 'app-sandbox';
export const SANDBOX_ORIGIN = `${SANDBOX_SCHEME}://proxy`;
export const SANDBOX_URL = `${SANDBOX_ORIGIN}${SANDBOX_PAGE_PATH}`;

/** For registerSchemesAsPrivileged (before ready): a standard, secure origin of its own. */
export const SANDBOX_SCHEME_PRIVILEGES = { scheme: SANDBOX_SCHEME, privileges: { standard: true, secure: true } };

export function isSandboxUrl(raw: string): boolean {
  return raw.startsWith(`${SANDBOX_ORIGIN}/`);
}

/** `hostOrigin`: the renderer's origin (`app://switchboard`), the only one that may frame the proxy and talk to it. */
export function handleSandboxProtocol(protocol: Pick<Protocol, 'handle'>, hostOrigin: string): void {
  const headers = sandboxHeaders([hostOrigin]);
  protocol.handle(SANDBOX_SCHEME, async (request) => {
    const url = new URL(request.url);
    const respond = (status: number, type: string, body: string) => new Response(body, { status, headers: { ...headers, 'Content-Type': type } });
    if (url.host !== 'proxy') return respond(404, 'text/plain', 'Not found.');
    if (url.pathname === SANDBOX_PAGE_PATH) return respond(200, 'text/html; charset=utf-8', sandboxPage());
    if (url.pathname === SANDBOX_SCRIPT_PATH) return respond(200, 'text/javascript; charset=utf-8', sandboxScript([hostOrigin]));
    return respond(404, 'text/plain', 'Not found.');
  });
}
