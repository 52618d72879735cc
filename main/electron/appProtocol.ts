// Serves the built renderer to Electron windows from `app://switchboard/` instead of file://
// (Electron security checklist: prefer a custom protocol), with the CSP on every response.
import { promises as fs } from 'node:fs';
import type { Protocol } from 'electron';
import { buildCsp, securityHeaders } from '../shared/csp.ts';
import { contentType, resolveStaticPath } from '../shared/staticPaths.ts';
import { SANDBOX_ORIGIN } from './sandboxProtocol.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
/** Must run before the app is ready, once, with every scheme: ours and the MCP Apps sandbox's. */
export function registerAppScheme(
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>,
  extra: { scheme: string; privileges: { standard: boolean; secure: boolean } }[] = [],
): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ...extra,
  ]);
}

/** True for URLs of our own app pages, and nothing else. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  const headers = securityHeaders(buildCsp({ frame: [SANDBOX_ORIGIN] }));
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStaticPath(rendererDir, url.pathname) : undefined;
    const body = file ? await fs.readFile(file).catch(() => undefined) : undefined;
    if (!file || !body) return new Response('Not found.', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' } });
    return new Response(new Uint8Array(body), { status: 200, headers: { ...headers, 'Content-Type': contentType(file) } });
  });
}
