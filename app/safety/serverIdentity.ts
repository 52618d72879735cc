// Who a server is, for grants and trust: its command line (stdio) or its URL (remote). Never its secrets.
import type { ServerTransportDefinition } from '../config/serverDefinition.ts';
import { canonicalHash } from './canonicalJson.ts';

/** A server's connection definition: config's own transport definition, by the name safety knows it. */
export type ServerConnectionDef = ServerTransportDefinition;

/**
 * A URL as an identity: lower-case scheme and host, default port dropped, dot-segments resolved,
 * credentials and fragment dropped. Query strings stay: they can select a different endpoint.
 */
export function normalizeServerUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  return parsed.toString();
}

/**
 * The identity string: `stdio:<hash>` or `remote:<hash>`. Hashed so that secrets in args or URLs
 * never land in grants.json. Env and headers are not identity (a rotated token is the same server);
 * the transport flavour of a URL (http, sse, auto) is not either.
 */
export function serverIdentity(def: ServerConnectionDef): string {
  if (def.kind === 'stdio') {
    return `stdio:${canonicalHash({ command: def.command, args: def.args, cwd: def.cwd ?? null }).slice(0, 32)}`;
  }
  return `remote:${canonicalHash({ url: normalizeServerUrl(def.url) }).slice(0, 32)}`;
}
