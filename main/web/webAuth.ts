// Who may talk to the web-mode server: a loopback Host header (no DNS rebinding), the app's own
// Origin on the WebSocket (no cross-site sockets), and the per-launch token, carried once in the
// printed URL and afterwards in an HttpOnly SameSite=Strict cookie.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes the lengths equal. */
export function tokensEqual(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 1024) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** True when the Host header names this server on a loopback address: `127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`. */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.trim().toLowerCase();
  return LOOPBACK_NAMES.some((name) => host === `${name}:${port}`);
}

/** The only Origin a WebSocket may come from: the page this server served, on the Host it was asked for. */
export function isOwnOrigin(origin: string | undefined, hostHeader: string | undefined, port: number): boolean {
  if (!origin || !isLoopbackHost(hostHeader, port)) return false;
  return origin.toLowerCase() === `http://${hostHeader!.trim().toLowerCase()}`;
}

/** Cookies are not isolated by port, so the name carries it: two instances never clobber each other. */
export function cookieName(port: number): string {
  return `switchboard_${port}`;
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}

export function hasValidCookie(req: IncomingMessage, port: number, token: string): boolean {
  return tokensEqual(readCookie(req, cookieName(port)), token);
}
