// Where the API key may be sent: https anywhere, plain http only to this machine (a local proxy or
// the test double). An http URL to any other host would hand the key to everyone on the path.

/** Why this base URL may not receive the API key, or undefined when it may. */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a full URL. Use https://…, or leave it empty for the default.`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return undefined;
  if (url.protocol === 'http:') {
    return `Plain http:// would send your API key unencrypted to ${url.host}. Use https://, or http:// only for this machine (localhost, 127.0.0.1).`;
  }
  return `The API base URL must start with https:// (or http:// for localhost), not ${url.protocol}//.`;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
