// The one way a link leaves the app: parse with new URL(), allow only http(s), show the full URL, then open.
import { createStore } from 'zustand/vanilla';

export type LinkCheck = { ok: true; url: string } | { ok: false; url: string; reason: string };

export function checkLink(raw: string): LinkCheck {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    return { ok: false, url: raw, reason: 'This is not a complete web address, so it was not opened.' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return {
      ok: false,
      url: raw,
      reason: `Links with "${parsed.protocol}" are never opened from Switchboard. Only http and https links open.`,
    };
  }
  return { ok: true, url: parsed.href };
}

export const linkRequests = createStore<{ pending: LinkCheck | null }>()(() => ({ pending: null }));

/** Asks the person before opening; refused links explain why. */
export function requestOpenLink(raw: string): void {
  linkRequests.setState({ pending: checkLink(raw) });
}

export function confirmOpenLink(): void {
  const pending = linkRequests.getState().pending;
  linkRequests.setState({ pending: null });
  if (!pending?.ok) return;
  const recheck = checkLink(pending.url);
  if (recheck.ok) window.open(recheck.url, '_blank', 'noopener,noreferrer');
}

/**
 * Opens a link the person already saw in full and chose to open in a dialog of its own (e.g. a
 * server's URL request). Same checks as the link dialog; refused links are not opened.
 */
export function openCheckedLink(raw: string): LinkCheck {
  const check = checkLink(raw);
  if (check.ok) window.open(check.url, '_blank', 'noopener,noreferrer');
  return check;
}

export function dismissLink(): void {
  linkRequests.setState({ pending: null });
}
