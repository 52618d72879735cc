// The ONE way Switchboard opens a link outside itself. It parses with `new URL()` and allows
// http: and https: alone: file:, javascript:, data:, ms-msdt: and custom schemes are refused.
// The URL check is pure so it runs in tests without Electron.

export type ExternalUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

const ALLOWED = new Set(['http:', 'https:']);

export function checkExternalUrl(raw: unknown): ExternalUrlCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'There is no link to open.' };
  if (raw.length > 8192) return { ok: false, reason: 'That link is too long to open safely.' };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: `"${raw.slice(0, 200)}" is not a full web address.` };
  }
  if (!ALLOWED.has(url.protocol)) {
    return { ok: false, reason: `Switchboard opens only http and https links, not ${url.protocol} links.` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'Links with a user name or password in them are not opened.' };
  }
  if (!url.hostname) return { ok: false, reason: 'That link has no host.' };
  return { ok: true, url: url.href };
}

/** Opens a checked link with the system browser. `openWith` is Electron's `shell.openExternal`. */
export async function openExternal(raw: unknown, openWith: (url: string) => Promise<void>): Promise<ExternalUrlCheck> {
  const check = checkExternalUrl(raw);
  if (check.ok) await openWith(check.url);
  return check;
}
