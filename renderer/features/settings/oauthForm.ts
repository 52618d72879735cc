// The sign-in part of the server form as plain data: built from the entry's `oauth` block, checked field by
// field in words, and turned into the `oauth` of servers.upsert (the typed secret travels once, to the core).
import type { OAuthSetupView } from '../../../app/api/index.ts';
import type { FieldErrors } from './serverForm.ts';

export type AuthMethodChoice = '' | 'client_secret_basic' | 'client_secret_post' | 'none' | 'private_key_jwt';

export interface OAuthFormState {
  /** The entry had a block when the form opened (clearing every field then removes it). */
  hadBlock: boolean;
  grant: OAuthSetupView['grant'];
  clientId: string;
  /** Space- or comma-separated. */
  scopes: string;
  authMethod: AuthMethodChoice;
  clientMetadataUrl: string;
  dpop: boolean;
  /** Typed now; empty keeps a stored one. */
  secret: string;
  /** A secret (or key) is named in the entry, so one may be stored. */
  secretStored: boolean;
}

/** Field keys for errors: `oauth.<field>`. */
export const OAUTH_FIELDS = ['grant', 'clientId', 'scopes', 'tokenEndpointAuthMethod', 'clientMetadataUrl', 'clientSecret'] as const;

export function emptyOAuth(): OAuthFormState {
  return {
    hadBlock: false,
    grant: 'authorization_code',
    clientId: '',
    scopes: '',
    authMethod: '',
    clientMetadataUrl: '',
    dpop: false,
    secret: '',
    secretStored: false,
  };
}

export function oauthFromView(view: OAuthSetupView | undefined): OAuthFormState {
  if (!view) return emptyOAuth();
  return {
    hadBlock: true,
    grant: view.grant,
    clientId: view.clientId ?? '',
    scopes: (view.scopes ?? []).join(' '),
    authMethod: view.tokenEndpointAuthMethod ?? '',
    clientMetadataUrl: view.clientMetadataUrl ?? '',
    dpop: view.dpop === true,
    secret: '',
    secretStored: view.clientSecretRef !== undefined,
  };
}

export function splitScopes(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

function isEmpty(o: OAuthFormState): boolean {
  return (
    o.grant === 'authorization_code' && !o.clientId.trim() && !o.scopes.trim() && !o.authMethod && !o.clientMetadataUrl.trim() && !o.dpop && !o.secret.trim()
  );
}

/** Whether the set-up needs a secret (or private key) at all. */
export function wantsSecret(o: OAuthFormState): boolean {
  return (
    o.grant !== 'authorization_code' || o.authMethod === 'client_secret_basic' || o.authMethod === 'client_secret_post' || o.authMethod === 'private_key_jwt'
  );
}

export type OAuthParam =
  | {
      grant: OAuthFormState['grant'];
      clientId?: string;
      scopes?: string[];
      tokenEndpointAuthMethod?: Exclude<AuthMethodChoice, ''>;
      clientMetadataUrl?: string;
      dpop?: boolean;
      clientSecret?: string | { keep: true };
    }
  | null
  | undefined;

/** undefined: nothing set up and nothing was (the core keeps the default); null: remove the block. */
export function oauthToParam(o: OAuthFormState): OAuthParam {
  if (isEmpty(o)) return o.hadBlock ? null : undefined;
  const secret = o.secret.trim();
  const clientSecret = secret ? secret : o.secretStored && wantsSecret(o) ? ({ keep: true } as const) : undefined;
  const scopes = splitScopes(o.scopes);
  return {
    grant: o.grant,
    ...(o.clientId.trim() ? { clientId: o.clientId.trim() } : {}),
    ...(scopes.length ? { scopes } : {}),
    ...(o.authMethod ? { tokenEndpointAuthMethod: o.authMethod } : {}),
    ...(o.clientMetadataUrl.trim() ? { clientMetadataUrl: o.clientMetadataUrl.trim() } : {}),
    ...(o.dpop ? { dpop: true } : {}),
    ...(clientSecret && o.authMethod !== 'none' ? { clientSecret } : {}),
  };
}

/** The same rules the core checks, said where the person is looking. */
export function validateOAuth(o: OAuthFormState, errors: FieldErrors): void {
  if (isEmpty(o)) return;
  const id = o.clientId.trim();
  const secret = o.secret.trim();
  const hasSecret = secret !== '' || o.secretStored;
  const key = o.authMethod === 'private_key_jwt';
  if (id.length > 500) errors['oauth.clientId'] = 'A client id longer than 500 characters is not one.';
  else if (!id && o.grant === 'client_credentials') errors['oauth.clientId'] = 'Client credentials need the client id the authorization server gave you.';
  else if (!id && o.grant === 'enterprise') errors['oauth.clientId'] = "Enterprise sign-in needs the client id this server's authorization server gave you.";
  else if (!id && key) errors['oauth.clientId'] = 'A private key signs in as a registered client: give its client id.';
  else if (!id && secret) errors['oauth.clientId'] = 'A client secret belongs to a registered client: give its client id.';
  const bad = splitScopes(o.scopes).find((s) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s));
  if (bad) errors['oauth.scopes'] = `"${bad}" cannot be a scope: use words without quotes or backslashes, separated by spaces.`;
  const url = o.clientMetadataUrl.trim();
  if (url) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (parsed?.protocol !== 'https:')
      errors['oauth.clientMetadataUrl'] = 'A client metadata document URL must be a full https URL, e.g. https://example.com/client.json.';
  }
  if (o.authMethod === 'none' && secret) errors['oauth.clientSecret'] = 'A public client ("None") has no secret: clear it, or choose how the secret is sent.';
  else if (key && secret && !secret.includes('-----BEGIN PRIVATE KEY-----'))
    errors['oauth.clientSecret'] = 'This is not a PKCS#8 private key: paste the whole PEM, from "-----BEGIN PRIVATE KEY-----" to "-----END PRIVATE KEY-----".';
  else if (key && !hasSecret) errors['oauth.clientSecret'] = 'Paste the private key (PKCS#8 PEM) this client signs with.';
  else if (o.grant === 'client_credentials' && !hasSecret) errors['oauth.clientSecret'] = 'Client credentials need the client secret.';
}

/** `oauth.clientSecret`, `entry.oauth.scopes[2]` → the form's `oauth.<field>` key, or undefined. */
export function oauthField(path: string): string | undefined {
  const m = /^oauth\.([A-Za-z]+)/.exec(path);
  if (!m) return undefined;
  const field = m[1] === 'tokenEndpointAuthMethod' ? 'authMethod' : m[1]!;
  return (OAUTH_FIELDS as readonly string[]).includes(m[1]!) ? `oauth.${field}` : undefined;
}
