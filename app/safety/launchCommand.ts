// The command line a stdio server runs, as a person must see it to approve it, and the launch fingerprint of any server.
import { canonicalHash } from './canonicalJson.ts';
import type { OAuthSettings } from '../config/serverDefinition.ts';
import type { ServerConnectionDef } from './serverIdentity.ts';

// How a command line and a value are written for a person lives beside the definition (secret bindings use it too).
import { visibleText } from '../config/commandLine.ts';

/**
 * How a remote server's sign-in is set up, in one line for the approval dialog: who Switchboard says it is
 * (client id, its metadata document), what it asks for (grant, scopes) and how it proves it. The client
 * secret itself is never shown: only that one is stored.
 */
export function describeSignIn(oauth: OAuthSettings): string {
  const parts = [
    oauth.grant === 'client_credentials'
      ? 'OAuth client credentials (no browser)'
      : oauth.grant === 'enterprise'
        ? "your organization's identity provider (enterprise-managed, no browser)"
        : 'OAuth in the browser',
  ];
  if (oauth.clientId !== undefined) parts.push(`client id ${visibleText(oauth.clientId)}`);
  if (oauth.clientMetadataUrl !== undefined) parts.push(`client metadata ${visibleText(oauth.clientMetadataUrl)}`);
  if (oauth.scopes?.length) parts.push(`scopes ${oauth.scopes.map(visibleText).join(' ')}`);
  if (oauth.tokenEndpointAuthMethod !== undefined) parts.push(`authenticates by ${oauth.tokenEndpointAuthMethod}`);
  if (oauth.dpop) parts.push('tokens bound to this app (DPoP)');
  if (oauth.clientSecretRef !== undefined)
    parts.push(oauth.tokenEndpointAuthMethod === 'private_key_jwt' ? 'with a stored private key' : 'with a stored client secret');
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
