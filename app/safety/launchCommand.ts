// The command line a stdio server runs, as a person must see it to approve it, and the launch fingerprint of any server.
import { canonicalHash } from './canonicalJson.ts';
import type { OAuthSettings } from '../config/serverDefinition.ts';
import type { ServerConnectionDef } from './serverIdentity.ts';

type StdioDef = Extract<ServerConnectionDef, { kind: 'stdio' }>;

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;
// Control characters and invisible or direction-changing characters that could disguise what runs.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/u;

function escapeChar(ch: string): string {
  switch (ch) {
    case '\n': return '\\n';
    case '\t': return '\\t';
    case '\r': return '\\r';
    case '\\': return '\\\\';
    case "'": return "\\'";
  }
  const code = ch.codePointAt(0) ?? 0;
  if (!HIDDEN.test(ch)) return ch;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** POSIX shell quoting for display; hidden characters are spelled out with $'…' so nothing is disguised. */
export function shellQuote(arg: string): string {
  if (arg === '') return "''";
  if (PLAIN.test(arg)) return arg;
  if (HIDDEN.test(arg)) return `$'${Array.from(arg, escapeChar).join('')}'`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A value shown for approval (an env value, a folder): as typed, unless it hides characters; then spelled out with $'…'. */
export function visibleText(text: string): string {
  return HIDDEN.test(text) ? `$'${Array.from(text, escapeChar).join('')}'` : text;
}

/** The full command line, never truncated: the command and every argument, each quoted. Env and cwd are shown beside it. */
export function formatCommandLine(def: StdioDef): string {
  return [shellQuote(def.command), ...def.args.map(shellQuote)].join(' ');
}

/**
 * How a remote server's sign-in is set up, in one line for the approval dialog: who Switchboard says it is
 * (client id, its metadata document), what it asks for (grant, scopes) and how it proves it. The client
 * secret itself is never shown: only that one is stored.
 */
export function describeSignIn(oauth: OAuthSettings): string {
  const parts = [oauth.grant === 'client_credentials' ? 'OAuth client credentials (no browser)' : 'OAuth in the browser'];
  if (oauth.clientId !== undefined) parts.push(`client id ${visibleText(oauth.clientId)}`);
  if (oauth.clientMetadataUrl !== undefined) parts.push(`client metadata ${visibleText(oauth.clientMetadataUrl)}`);
  if (oauth.scopes?.length) parts.push(`scopes ${oauth.scopes.map(visibleText).join(' ')}`);
  if (oauth.tokenEndpointAuthMethod !== undefined) parts.push(`authenticates by ${oauth.tokenEndpointAuthMethod}`);
  if (oauth.clientSecretRef !== undefined) parts.push(oauth.tokenEndpointAuthMethod === 'private_key_jwt' ? 'with a stored private key' : 'with a stored client secret');
  return parts.join(', ');
}

/**
 * Hash of everything that decides what runs and where it goes: command, args, every env name and
 * value, cwd and the sandbox policy when the entry sets one (stdio); the URL, the header names and the sign-in set-up (remote). The approval records
 * exactly this. A remote entry without an `oauth` block hashes as it always did.
 */
export function launchFingerprint(def: ServerConnectionDef): string {
  if (def.kind === 'stdio') {
    const launch = { command: def.command, args: def.args, env: def.env, cwd: def.cwd ?? null };
    // An entry without a `sandbox` field runs the default policy and hashes as it always did, so nobody is asked again.
    return canonicalHash(def.sandbox === undefined ? launch : { ...launch, sandbox: def.sandbox });
  }
  const remote = { url: def.url, headerNames: Object.keys(def.headers).sort() };
  return canonicalHash(def.oauth ? { ...remote, oauth: { ...def.oauth, scopes: def.oauth.scopes ?? [] } } : remote);
}
