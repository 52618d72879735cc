// The one Content-Security-Policy for the renderer, in Electron and in web mode:
// no inline scripts, no remote loads, no plugins, and no frames but the MCP Apps sandbox proxy.

export interface CspOptions {
  /** Extra sources for connect-src, e.g. the web-mode WebSocket `ws://127.0.0.1:PORT`. */
  connect?: string[];
  /** Origins that may be framed: only the MCP Apps sandbox proxy (main/shared/sandboxProxy.ts). */
  frame?: string[];
}

export function buildCsp(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connect ?? [])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "media-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
    `frame-src ${options.frame?.length ? options.frame.join(' ') : "'none'"}`,
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Headers every renderer response carries, in both shells. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}
