// The SDK's OAuthClientProvider for one remote server. The SDK does discovery, PKCE, registration, refresh,
// resource indicators and issuer binding; this class only remembers things and refuses what the SDK lets through.
import { randomBytes } from 'node:crypto';
import {
  type AddClientAuthentication,
  createPrivateKeyJwtAuth,
  type FetchLike,
  type OAuthClientInformationMixed,
  type OAuthClientMetadata,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  type OAuthTokens,
} from '@modelcontextprotocol/client';
import type { OAuthSettings } from '../config/serverDefinition.ts';
import type { AuthRecordStore } from './authRecord.ts';
import { ConnectFailure } from '../servers/describeFailure.ts';
import { checkedHttpUrl } from './httpUrl.ts';
import { signingAlgorithm } from './signingKey.ts';
import type { DpopBinding } from './dpop.ts';
import { enterpriseTokenRequest, JWT_BEARER_GRANT, type EnterpriseIdp } from './enterpriseAuth.ts';

export interface HostOAuthProviderOptions {
  settings: OAuthSettings;
  /** Where the authorization server sends the browser back; undefined when this mode cannot receive it. */
  redirectUrl: string | undefined;
  /** A Client ID Metadata Document URL (the entry's, else the setting); never invented. */
  clientMetadataUrl: string | undefined;
  /** The pre-registered client's secret, read from the secret store. */
  clientSecret: string | undefined;
  store: AuthRecordStore;
  now: () => number;
  /** The MCP server's URL (the resource when its metadata names none). */
  serverUrl?: string;
  /** SEP-990: the organization's identity provider from Settings, for `grant: "enterprise"`. */
  enterprise?: () => Promise<EnterpriseIdp | undefined>;
  /** RFC 9449: tokens bound to this key, proven on every token and MCP request. */
  dpop?: DpopBinding | undefined;
  /** Called instead of opening anything: the person decides when to open it. */
  onAuthorizationUrl(url: URL, state: string): void;
}

const MAX_PENDING = 8;
/** Step-ups (403 insufficient_scope asking for scopes we lack) honoured per provider; beyond, the 403 stands. */
const MAX_STEP_UPS = 3;

function covers(granted: string | undefined, wanted: string[]): boolean {
  const have = new Set((granted ?? '').split(' ').filter(Boolean));
  return wanted.every((s) => have.has(s));
}

export class HostOAuthProvider implements OAuthClientProvider {
  private readonly verifiers = new Map<string, string>();
  private currentState: string | undefined;
  private discovery: OAuthDiscoveryState | undefined;
  /** Scopes a 403 insufficient_scope asked for: a refresh cannot widen a grant, so the person is asked. */
  private wantedScopes: string[] | undefined;
  private stepUps = 0;
  /** Scope sets (sorted) a step-up already asked for and got tokens for: asking again would not help. */
  private readonly grantedStepUps = new Set<string>();
  private pendingStepUp: string | undefined;

  /** private_key_jwt: the client authenticates with a JWT signed by its key (RFC 7523), made by the SDK. */
  readonly addClientAuthentication?: AddClientAuthentication;

  /** The SDK's optional property: present only when a Client ID Metadata Document URL is known. */
  readonly clientMetadataUrl?: string;

  /** What every request of this server goes through: fetch, with DPoP proofs when the set-up asks for them. */
  readonly authFetch: FetchLike;

  constructor(private readonly o: HostOAuthProviderOptions) {
    const s = o.settings;
    this.authFetch = o.dpop ? o.dpop.wrap((url, init) => fetch(url, init)) : (url, init) => fetch(url, init);
    if (o.clientMetadataUrl !== undefined) this.clientMetadataUrl = o.clientMetadataUrl;
    if (s.tokenEndpointAuthMethod === 'private_key_jwt' && s.clientId && o.clientSecret) {
      this.addClientAuthentication = createPrivateKeyJwtAuth({
        issuer: s.clientId,
        subject: s.clientId,
        privateKey: o.clientSecret,
        alg: signingAlgorithm(o.clientSecret),
      });
    }
  }

  get grant(): OAuthSettings['grant'] {
    return this.o.settings.grant;
  }

  get redirectUrl(): string | undefined {
    return this.o.settings.grant === 'authorization_code' ? this.o.redirectUrl : undefined;
  }

  /** The configured scopes, without `offline_access` unless the authorization server lists it. */
  private configuredScope(): string | undefined {
    const supported = this.discovery?.authorizationServerMetadata?.scopes_supported;
    const scopes = (this.o.settings.scopes ?? []).filter((s) => s !== 'offline_access' || (supported?.includes('offline_access') ?? false));
    return scopes.length > 0 ? scopes.join(' ') : undefined;
  }

  get clientMetadata(): OAuthClientMetadata {
    const scope = this.configuredScope();
    if (this.o.settings.grant === 'client_credentials') {
      return { client_name: 'Switchboard', redirect_uris: [], grant_types: ['client_credentials'], ...(scope ? { scope } : {}) };
    }
    if (this.o.settings.grant === 'enterprise') {
      return {
        client_name: 'Switchboard',
        redirect_uris: [],
        grant_types: [JWT_BEARER_GRANT],
        token_endpoint_auth_method: 'client_secret_basic',
        ...(scope ? { scope } : {}),
      };
    }
    // A desktop app with a loopback redirect is a native client (SEP-837 asks registrations to say so).
    const metadata = {
      client_name: 'Switchboard',
      application_type: 'native',
      redirect_uris: this.o.redirectUrl ? [this.o.redirectUrl] : [],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...(scope ? { scope } : {}),
    };
    return metadata;
  }

  state(): string {
    this.currentState = randomBytes(32).toString('base64url');
    return this.currentState;
  }

  async clientInformation(): Promise<OAuthClientInformationMixed | undefined> {
    const stored = (await this.o.store.read()).client;
    const s = this.o.settings;
    if (s.clientSecretRef && !this.o.clientSecret) {
      throw new ConnectFailure({
        message: `This server's client secret ("${s.clientSecretRef}") is not stored yet: type it under "Client secret" on this server's page.`,
        final: true,
      });
    }
    if (s.clientId) {
      // Pre-registered: the config says who we are; the store only remembers which issuer accepted it.
      const issuer = stored?.client_id === s.clientId ? (stored as { issuer?: string }).issuer : undefined;
      const keyNotSecret = s.tokenEndpointAuthMethod === 'private_key_jwt';
      return {
        client_id: s.clientId,
        ...(this.o.clientSecret && !keyNotSecret ? { client_secret: this.o.clientSecret } : {}),
        ...(s.tokenEndpointAuthMethod ? { token_endpoint_auth_method: s.tokenEndpointAuthMethod } : {}),
        ...(issuer ? { issuer } : {}),
      } as OAuthClientInformationMixed;
    }
    // A registration made for another redirect URI (another port, another mode) would be refused: register again.
    const uris = (stored as { redirect_uris?: string[] } | undefined)?.redirect_uris;
    if (stored && uris && this.redirectUrl && !uris.includes(this.redirectUrl) && stored.client_id !== this.o.clientMetadataUrl) return undefined;
    return stored;
  }

  async saveClientInformation(info: OAuthClientInformationMixed): Promise<void> {
    // A pre-registered secret stays in the secret store under its own name, not in the record.
    const { client_secret: _secret, ...rest } = info as OAuthClientInformationMixed & { client_secret?: string };
    const keep = this.o.settings.clientId ? (rest as OAuthClientInformationMixed) : info;
    await this.o.store.update((r) => ({ ...r, client: keep }));
  }

  async tokens(): Promise<OAuthTokens | undefined> {
    const tokens = (await this.o.store.read()).tokens;
    if (!tokens || !this.wantedScopes || covers(tokens.scope, this.wantedScopes)) return tokens;
    // Hide the refresh token so the SDK asks for a new authorization with the wider scope.
    const { refresh_token: _hidden, ...rest } = tokens;
    return rest;
  }

  /**
   * The transport's fetch. A 403 insufficient_scope is a step-up: the SDK authorizes again with the scope the
   * challenge names, so the challenge is rewritten to the union of what was granted and what is asked (SEP-2350:
   * a narrower grant would lose access the person already gave). A step-up for scopes already asked for and
   * granted, or beyond MAX_STEP_UPS, is refused here, before the SDK can start another authorization.
   */
  readonly fetch: FetchLike = async (url, init) => {
    const response = await this.authFetch(url, init);
    // SEP-2352: a 401 sends the SDK to authorize again, and the resource's metadata may now name another
    // authorization server; a cached discovery would keep it at the old one. Stamped credentials of the old
    // server then read back as absent, so the SDK registers and signs in at the new one.
    if (response.status === 401) this.discovery = undefined;
    if (response.status !== 403) return response;
    const header = response.headers.get('www-authenticate') ?? '';
    const scope = /\bscope="([^"]*)"/.exec(header)?.[1];
    if (!/error="?insufficient_scope/.test(header) || !scope) return response;
    const granted = (await this.o.store.read()).tokens?.scope;
    const wanted = [...new Set([...(granted ?? '').split(' '), ...scope.split(' ')].filter(Boolean))];
    const key = [...wanted].sort().join(' ');
    if (this.stepUps >= MAX_STEP_UPS || this.grantedStepUps.has(key)) {
      const times = this.grantedStepUps.has(key) ? 'a sign-in that asked for it' : `${MAX_STEP_UPS} sign-ins that asked for more`;
      this.stepUps = 0;
      this.wantedScopes = undefined;
      await response.body?.cancel().catch(() => undefined);
      throw new Error(
        `the server still asks for more access (scope "${scope}") after ${times}, so Switchboard stopped asking. The authorization server may not grant that scope to you.`,
      );
    }
    this.stepUps++;
    this.wantedScopes = wanted;
    this.pendingStepUp = key;
    const headers = new Headers(response.headers);
    headers.set('www-authenticate', header.replace(/\bscope="[^"]*"/, `scope="${wanted.join(' ')}"`));
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };

  async saveTokens(tokens: OAuthTokens): Promise<void> {
    const now = this.o.now();
    if (this.pendingStepUp) this.grantedStepUps.add(this.pendingStepUp);
    this.pendingStepUp = undefined;
    // The step-up count is not reset here: a server that asks for a new scope after every grant is still bounded.
    if (this.wantedScopes && covers(tokens.scope, this.wantedScopes)) this.wantedScopes = undefined;
    await this.o.store.update((r) => ({ ...r, tokens, tokensSavedAt: now }));
  }

  redirectToAuthorization(authorizationUrl: URL): void {
    if (!checkedHttpUrl(authorizationUrl)) {
      throw new Error(
        `The authorization server gave an authorization address that is not an http(s) URL (${authorizationUrl.protocol}…); Switchboard does not open it.`,
      );
    }
    const state = authorizationUrl.searchParams.get('state') ?? this.currentState;
    if (!state) throw new Error('Switchboard made an authorization request without a state; refusing it.');
    this.o.onAuthorizationUrl(authorizationUrl, state);
  }

  saveCodeVerifier(codeVerifier: string): void {
    if (!this.currentState) throw new Error('No sign-in is in progress.');
    this.verifiers.set(this.currentState, codeVerifier);
    while (this.verifiers.size > MAX_PENDING) this.verifiers.delete(this.verifiers.keys().next().value as string);
  }

  codeVerifier(): string {
    const verifier = this.currentState ? this.verifiers.get(this.currentState) : undefined;
    if (!verifier) throw new Error('This sign-in has expired or was already used. Click Sign in again.');
    return verifier;
  }

  /** Before exchanging a code: the verifier of the flow this `state` began (single use). */
  resume(state: string): boolean {
    if (!this.verifiers.has(state)) return false;
    this.currentState = state;
    return true;
  }

  forget(state: string): void {
    this.verifiers.delete(state);
  }

  prepareTokenRequest(scope?: string): URLSearchParams | Promise<URLSearchParams> | undefined {
    if (this.o.settings.grant === 'enterprise') {
      return this.o.enterprise!().then((idp) =>
        enterpriseTokenRequest(idp, { discovery: this.discovery, serverUrl: this.o.serverUrl ?? '', scope, fetchFn: this.authFetch }),
      );
    }
    if (this.o.settings.grant !== 'client_credentials') return undefined;
    const params = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope) params.set('scope', scope);
    return params;
  }

  async invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    if (scope === 'verifier' || scope === 'all') this.verifiers.clear();
    if (scope === 'discovery' || scope === 'all') this.discovery = undefined;
    if (scope === 'client' || scope === 'tokens' || scope === 'all') {
      await this.o.store.update((r) => ({
        ...(scope === 'tokens' ? { client: r.client } : {}),
        ...(scope === 'client' ? { tokens: r.tokens, tokensSavedAt: r.tokensSavedAt } : {}),
      }));
    }
  }

  /** The SDK's v2 hook for DPoP (its auth() and transports sign with this session; `authFetch` then steps aside). */
  dpop(): ReturnType<DpopBinding['dpop']> | undefined {
    return this.o.dpop?.dpop();
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state;
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.discovery;
  }
}
