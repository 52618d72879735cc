// The MCP Apps sandbox proxy (SEP-1865 "sandbox proxy"): a tiny static page on an origin that is not the
// host page's. The host sends it the app's HTML by postMessage; it loads that HTML into an inner iframe
// sandboxed with `allow-scripts` only (an opaque origin: no storage, no cookies, no parent DOM, no top
// navigation, no popups) and relays JSON-RPC messages both ways, to and from the host page's origin only.
// The same page serves both shells: web mode from a second loopback listener, Electron from its own scheme.

export const SANDBOX_PAGE_PATH = '/sandbox.html';
export const SANDBOX_SCRIPT_PATH = '/sandbox.js';

/** The inner frame's sandbox: scripts run, on an opaque origin, with nothing else. */
export const APP_FRAME_SANDBOX = 'allow-scripts';

export function sandboxPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>MCP App sandbox</title>
<style>html,body{margin:0;padding:0;height:100%;overflow:hidden;background:transparent}iframe{display:block;border:0;width:100%;height:100%;background:transparent}</style>
</head>
<body>
<script src="${SANDBOX_SCRIPT_PATH}"></script>
</body>
</html>
`;
}

/**
 * The proxy's script, for the host page origins it may serve (e.g. both spellings of the loopback origin).
 * Before it makes the app's frame it narrows its own `frame-src` to the origins the app declared
 * (`frameDomains`, or `'none'`): the app's frame may navigate itself, and that navigation is checked
 * against this page's policy, so an app cannot leave for an undeclared https origin where its own
 * policy (in its HTML) no longer applies. The policy added is a `<meta>`: policies only ever add up.
 */
export function sandboxScript(hostOrigins: readonly string[]): string {
  return `'use strict';
(() => {
  const HOSTS = ${JSON.stringify(hostOrigins)};
  const SANDBOX = ${JSON.stringify(APP_FRAME_SANDBOX)};
  const FRAME_ORIGIN = /^https:\\/\\/(\\*\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*(:\\d{1,5})?$/;
  if (window.parent === window) { document.body.textContent = 'This page only works inside Switchboard.'; return; }
  let hostOrigin = null;
  let inner = null;
  window.addEventListener('message', (event) => {
    if (inner && event.source === inner.contentWindow) {
      if (hostOrigin) window.parent.postMessage(event.data, hostOrigin);
      return;
    }
    if (event.source !== window.parent || !HOSTS.includes(event.origin)) return;
    if (hostOrigin === null) hostOrigin = event.origin;
    if (event.origin !== hostOrigin) return;
    const data = event.data;
    if (data && data.jsonrpc === '2.0' && data.method === 'ui/notifications/sandbox-resource-ready') {
      if (inner) return;
      const html = data.params && typeof data.params.html === 'string' ? data.params.html : '';
      const csp = data.params && data.params.csp;
      const declared = csp && Array.isArray(csp.frameDomains) ? csp.frameDomains.filter((d) => typeof d === 'string' && FRAME_ORIGIN.test(d)) : [];
      const policy = document.createElement('meta');
      policy.httpEquiv = 'Content-Security-Policy';
      policy.content = 'frame-src ' + (declared.length > 0 ? declared.join(' ') : "'none'");
      document.head.appendChild(policy);
      inner = document.createElement('iframe');
      inner.setAttribute('sandbox', SANDBOX);
      inner.setAttribute('title', 'MCP App');
      inner.srcdoc = html;
      document.body.appendChild(inner);
      return;
    }
    if (inner && inner.contentWindow) inner.contentWindow.postMessage(data, '*');
  });
  // Tell only the real parent: its origin where the browser says it, else each allowed origin (postMessage drops the others).
  const ancestors = window.location.ancestorOrigins;
  const parentOrigin = ancestors && ancestors.length > 0 ? ancestors[0] : null;
  const targets = parentOrigin ? HOSTS.filter((o) => o === parentOrigin) : HOSTS;
  for (const origin of targets) window.parent.postMessage({ jsonrpc: '2.0', method: 'ui/notifications/sandbox-proxy-ready', params: {} }, origin);
})();
`;
}

/**
 * The proxy page's own policy. The inner srcdoc frame inherits it, so it is the upper bound of what any
 * app may do; each app's stricter policy (built from its declared domains) is in its HTML. The page
 * may be framed only by the host page.
 */
export function sandboxCsp(hostOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval' https: blob: data:",
    "style-src 'unsafe-inline' https: blob: data:",
    'img-src https: data: blob:',
    'font-src https: data: blob:',
    'media-src https: data: blob:',
    'connect-src https: wss:',
    'frame-src https:',
    'worker-src blob:',
    "object-src 'none'",
    'base-uri https:',
    "form-action 'none'",
    `frame-ancestors ${hostOrigins.join(' ')}`,
  ].join('; ');
}

/**
 * WebRTC is a way out that no CSP source list covers: a TURN server's address and username carry data
 * to any host. Chromium blocks peer connections for this page and every frame it makes (the app's, and
 * frames the app makes) with `Connection-Allowlist`'s `webrtc=block`; the URL list allows every URL, so
 * the CSPs alone decide which ones an app reaches. The app's HTML also loses `RTCPeerConnection` before
 * its own code runs (`app/apps/appCsp.ts`), for browsers without this header.
 */
export const SANDBOX_CONNECTION_ALLOWLIST = '("*://*:*");webrtc=block';

export function sandboxHeaders(hostOrigins: readonly string[]): Record<string, string> {
  return {
    'Content-Security-Policy': sandboxCsp(hostOrigins),
    'Connection-Allowlist': SANDBOX_CONNECTION_ALLOWLIST,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), clipboard-read=()',
    'Cache-Control': 'no-store',
  };
}
