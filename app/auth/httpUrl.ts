// Only http(s) URLs from any metadata are ever opened (CVE-2025-6514 handed one to a shell).

/** The URL if it is http(s) without embedded credentials, else undefined. */
export function checkedHttpUrl(value: string | URL): URL | undefined {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  return url;
}
