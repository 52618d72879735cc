// An MCP App's Content-Security-Policy: scripts and styles inline, and network only to the https/wss
// origins its resource declared (`_meta.ui.csp`); everything else is denied. The policy travels inside
// the HTML as the first element after the doctype, so no markup of the app's runs before it.
import type { AppCspView } from '../api/views.ts';

const FIELDS = ['connectDomains', 'resourceDomains', 'frameDomains', 'baseUriDomains'] as const;
const MAX_DOMAINS = 50;

/** The declared origins, keeping only plain https/wss origins (optionally `*.` wildcards): no loopback, no paths, no quotes. */
export function declaredCsp(meta: unknown): AppCspView {
  const raw = isRecord(meta) ? meta : {};
  const view: AppCspView = { connectDomains: [], resourceDomains: [], frameDomains: [], baseUriDomains: [] };
  for (const field of FIELDS) {
    const list = raw[field];
    if (!Array.isArray(list)) continue;
    view[field] = [
      ...new Set(
        list
          .filter((d): d is string => typeof d === 'string')
          .map(cleanOrigin)
          .filter((d): d is string => d !== undefined),
      ),
    ].slice(0, MAX_DOMAINS);
  }
  return view;
}

const ORIGIN = /^(https|wss):\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/;
const LOOPBACK = /^(https|wss):\/\/(\*\.)?(localhost|127(\.\d+){3}|0\.0\.0\.0|\[::1\])(:|$)/;

function cleanOrigin(raw: string): string | undefined {
  const value = raw.trim().toLowerCase().replace(/\/+$/, '');
  if (!ORIGIN.test(value) || LOOPBACK.test(value)) return undefined;
  return value;
}

export function buildAppCsp(csp: AppCspView): string {
  const list = (values: string[], fallback: string) => (values.length > 0 ? values.join(' ') : fallback);
  const resources = csp.resourceDomains.join(' ');
  const withResources = (base: string) => (resources ? `${base} ${resources}` : base);
  return [
    "default-src 'none'",
    withResources("script-src 'unsafe-inline' 'unsafe-eval' blob: data:"),
    withResources("style-src 'unsafe-inline' blob: data:"),
    withResources('img-src data: blob:'),
    withResources('font-src data: blob:'),
    withResources('media-src data: blob:'),
    `connect-src ${list(csp.connectDomains, "'none'")}`,
    `frame-src ${list(csp.frameDomains, "'none'")}`,
    'worker-src blob:',
    "object-src 'none'",
    `base-uri ${list(csp.baseUriDomains, "'none'")}`,
    "form-action 'none'",
    // No source list covers WebRTC (a TURN username carries data to any host): never allowed.
    "webrtc 'block'",
  ].join('; ');
}

/**
 * Runs before any of the app's code: takes away the constructors that open peer-to-peer connections,
 * which no CSP blocks in today's browsers. The sandbox page's `Connection-Allowlist` blocks them at the
 * browser (frames the app makes included); this covers the app's own frame where that header is unknown.
 */
export const NO_WEBRTC_SCRIPT = `<script>(()=>{for(const n of ['RTCPeerConnection','webkitRTCPeerConnection','RTCDataChannel','RTCIceTransport','RTCSctpTransport','RTCDtlsTransport','RTCRtpTransceiver','RTCRtpSender','RTCRtpReceiver']){try{delete window[n]}catch{}}})()</script>`;

/** The app's HTML with its policy as a `<meta>` right after the doctype (or at the very start), then the WebRTC removal. */
export function withCsp(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, '&quot;')}">${NO_WEBRTC_SCRIPT}`;
  const body = html.replace(/^\uFEFF/, '');
  const doctype = /^\s*<!doctype[^>]*>/i.exec(body);
  if (!doctype) return meta + body;
  return doctype[0] + meta + body.slice(doctype[0].length);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
