// Who may reach the web-mode server at all: a loopback Host header (no DNS rebinding) and the
// app's own Origin on the WebSocket (no cross-site sockets). Who holds a session: webAccess.ts.

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
