// Sign-in for every remote server: one provider per server, the authorization URLs waiting for the person,
// callbacks matched by `state` (single use) with the RFC 9207 `iss` check, sign-out with revocation.
import { createHash } from 'node:crypto';
import { auth, discoverOAuthServerInfo } from '@modelcontextprotocol/client';
import type { AuthView, SignInStart } from '../api/views.ts';
import type { OAuthSettings, ServerDefinition } from '../config/serverDefinition.ts';
import type { Logger } from '../base/logger.ts';
import { accountName } from './accountName.ts';
import { AuthRecordStore } from './authRecord.ts';
import { secretKeys, type AuthSecrets } from '../secrets/index.ts';
import type { CallbackEndpoint, CallbackOutcome } from './callbackEndpoint.ts';
import { HostOAuthProvider } from './hostOAuthProvider.ts';

export interface SignInsOptions {
  secrets: AuthSecrets;
  endpoint: CallbackEndpoint;
  /** The Client ID Metadata Document URL from Settings; empty means none. */
  clientMetadataUrl: () => string;
  /** After tokens arrive (or are forgotten): reconnect the server. */
  onChanged(name: string, why: 'signed-in' | 'signed-out'): void;
  /** Every token and secret value, for the redactor. */
  onSecrets(name: string, values: string[]): void;
  logger: Logger;
  now: () => number;
}

interface Slot {
  key: string;
  clientSecretSet: boolean;
  provider: HostOAuthProvider;
  store: AuthRecordStore;
  serverUrl: string;
}

interface Offer {
  url: URL;
  state: string;
  at: number;
}

/** An authorization URL older than this is made again, with a fresh state and verifier. */
const OFFER_TTL_MS = 10 * 60_000;
/** Tokens this close to expiry are refreshed before connecting. */
const REFRESH_MARGIN_MS = 60_000;
type RemoteDefinition = ServerDefinition & { transport: { kind: 'http' | 'sse' | 'auto' } };

/** Two authorization server URLs as the SDK compares them: parsed, a trailing `/` tolerated. */
function sameIssuer(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      return new URL(u).href.replace(/\/$/, '');
    } catch {
      return u.replace(/\/$/, '');
    }
  };
  return norm(a) === norm(b);
}

function isRemote(def: ServerDefinition): def is RemoteDefinition {
  return def.transport.kind !== 'stdio';
}

/** A configured Authorization header wins: such a server signs in its own way. */
function usesOAuth(def: ServerDefinition): def is RemoteDefinition {
  return isRemote(def) && !Object.keys(def.transport.headers).some((h) => h.toLowerCase() === 'authorization');
}

export class SignIns {
  private readonly slots = new Map<string, Slot>();
  private readonly offers = new Map<string, Offer>();
  /** state → server name, for callbacks. */
  private readonly flows = new Map<string, { name: string; at: number }>();
  private readonly detach: () => void;

  constructor(private readonly o: SignInsOptions) {
    this.detach = o.endpoint.attach((query) => this.complete(query));
  }

  dispose(): void {
    this.detach();
  }

  /** The provider to give this server's HTTP/SSE transport, or undefined when it does not use OAuth. */
  async providerFor(def: ServerDefinition): Promise<HostOAuthProvider | undefined> {
    if (!usesOAuth(def)) return undefined;
    const slot = await this.slot(def);
    await this.refreshIfExpiring(slot);
    return slot.provider;
  }

  /** Refreshes before connecting when the access token is (nearly) expired, so the server never sees it. */
  private async refreshIfExpiring(slot: Slot): Promise<void> {
    const record = await slot.store.read();
    const expiresIn = record.tokens?.expires_in;
    if (!record.tokens?.refresh_token || expiresIn === undefined || record.tokensSavedAt === undefined) return;
    if (record.tokensSavedAt + expiresIn * 1000 - REFRESH_MARGIN_MS > this.o.now()) return;
    try {
      await auth(slot.provider, { serverUrl: slot.serverUrl });
    } catch (error) {
      // The connection's own 401 handling takes over.
      this.o.logger.info('early token refresh failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** The authorization server's host, once the server asked for sign-in. */
  signInHost(name: string): string | undefined {
    return this.offers.get(name)?.url.host;
  }

  /** The URL to open for this server: the waiting one, or a fresh one; or already signed in (a refresh worked). */
  async begin(def: ServerDefinition): Promise<SignInStart> {
    if (!usesOAuth(def)) throw new Error(`\`${def.name}\` does not sign in with OAuth.`);
    const slot = await this.slot(def);
    const waiting = this.offers.get(def.name);
    if (waiting && this.o.now() - waiting.at < OFFER_TTL_MS && this.flows.has(waiting.state)) {
      return { kind: 'open', url: waiting.url.href, authorizationHost: waiting.url.host, opened: false };
    }
    const result = await auth(slot.provider, { serverUrl: slot.serverUrl });
    if (result === 'AUTHORIZED') {
      this.o.onChanged(def.name, 'signed-in');
      return { kind: 'signed-in' };
    }
    const offer = this.offers.get(def.name);
    if (!offer) throw new Error(`\`${def.name}\`'s authorization server gave no address to sign in at.`);
    return { kind: 'open', url: offer.url.href, authorizationHost: offer.url.host, opened: false };
  }

  /** One redirect back from the authorization server. */
  async complete(query: URLSearchParams): Promise<CallbackOutcome> {
    const state = query.get('state') ?? '';
    const flow = this.flows.get(state);
    if (flow && this.o.now() - flow.at > OFFER_TTL_MS * 3) this.flows.delete(state);
    if (!flow || !this.flows.has(state))
      return { ok: false, message: 'This sign-in link is unknown, expired or already used. Start again with Sign in in Switchboard.' };
    this.flows.delete(state);
    const slot = this.slots.get(flow.name);
    if (!slot || !slot.provider.resume(state))
      return { ok: false, message: 'This sign-in was replaced by a newer one. Start again with Sign in in Switchboard.' };
    try {
      const error = query.get('error');
      if (error) {
        const said = query.get('error_description');
        return { ok: false, message: `The authorization server did not sign you in (${error}${said ? `: ${said.slice(0, 300)}` : ''}).` };
      }
      const refused = this.issProblem(slot, query.get('iss'));
      if (refused) {
        this.o.logger.warn('sign-in refused', { server: flow.name, reason: refused });
        return { ok: false, message: refused };
      }
      const code = query.get('code');
      if (!code) return { ok: false, message: 'The authorization server came back without a code. Start again with Sign in in Switchboard.' };
      const iss = query.get('iss');
      // The SDK checks RFC 9207 again against the issuer it recorded: it needs the same `iss`.
      const result = await auth(slot.provider, { serverUrl: slot.serverUrl, authorizationCode: code, ...(iss !== null ? { iss } : {}) });
      if (result !== 'AUTHORIZED') return { ok: false, message: 'The authorization server did not issue tokens.' };
      if (this.offers.get(flow.name)?.state === state) this.offers.delete(flow.name);
      this.o.logger.info('signed in', { server: flow.name });
      this.o.onChanged(flow.name, 'signed-in');
      return { ok: true, message: `Switchboard is signed in to ${new URL(slot.serverUrl).host}.` };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      return { ok: false, message: `Signing in did not finish: ${text}` };
    } finally {
      slot.provider.forget(state);
    }
  }

  /** Forgets the tokens (revoking them where the server supports it); the registration is kept. */
  async signOut(def: ServerDefinition): Promise<void> {
    if (!usesOAuth(def)) return;
    const slot = await this.slot(def);
    const record = await slot.store.read();
    await this.revoke(slot, record.tokens, record.client);
    await slot.store.update((r) => (r.client ? { client: r.client } : {}));
    this.offers.delete(def.name);
    this.o.onChanged(def.name, 'signed-out');
  }

  /**
   * A removed server: its tokens are revoked where its authorization server supports it, and its sign-in
   * records (tokens, client registration, under any URL it had) and its client secret leave the store.
   * `stillUsed` says whether another entry names the same client secret (same origin and ref): then it stays.
   */
  async forget(name: string, def: ServerDefinition | undefined, stillUsed: (key: string) => boolean): Promise<void> {
    const slot = def && usesOAuth(def) ? await this.slot(def) : this.slots.get(name);
    if (slot) {
      // Revoked in the background: an authorization server that does not answer must not hold up the
      // removal (discovery and revocation may each take up to 10 s); the tokens leave the disk now.
      const record = await slot.store.read();
      void this.revoke(slot, record.tokens, record.client);
    }
    this.slots.delete(name);
    const offer = this.offers.get(name);
    if (offer) this.flows.delete(offer.state);
    this.offers.delete(name);
    const clientSecret = def ? this.clientSecretKey(def) : undefined;
    for (const key of await this.o.secrets.keys()) {
      if (secretKeys.isServers(key, name) || (key === clientSecret && !stillUsed(key))) await this.o.secrets.write(key, undefined);
    }
  }

  /** The store key of the client secret this entry names, if any. */
  clientSecretKey(def: ServerDefinition): string | undefined {
    const ref = usesOAuth(def) ? def.transport.oauth?.clientSecretRef : undefined;
    return ref && usesOAuth(def) ? secretKeys.clientSecret(def.transport.url, ref) : undefined;
  }

  /** Stores or forgets the secret an entry's `oauth.clientSecretRef` names; the next connection uses it. */
  async setClientSecret(def: ServerDefinition, value: string | null): Promise<void> {
    const ref = usesOAuth(def) ? def.transport.oauth?.clientSecretRef : undefined;
    if (!ref || !usesOAuth(def)) throw new Error(`\`${def.name}\` has no "oauth.clientSecretRef" in its config, so there is no secret to set.`);
    await this.o.secrets.write(secretKeys.clientSecret(def.transport.url, ref), value ?? undefined);
    if (value) this.o.onSecrets(`client-secret:${ref}`, [value]);
    this.slots.delete(def.name);
    await this.slot(def);
  }

  view(def: ServerDefinition): AuthView | undefined {
    if (!usesOAuth(def)) return undefined;
    const slot = this.slots.get(def.name);
    if (!slot) return undefined;
    const tokens = slot.store.peek()?.tokens;
    const metadata = slot.provider.discoveryState()?.authorizationServerMetadata;
    const host = this.signInHost(def.name) ?? (metadata ? new URL(metadata.issuer).host : undefined);
    const ref = def.transport.oauth?.clientSecretRef;
    if (!tokens && !host && !ref) return undefined;
    const account = accountName(tokens);
    return {
      signedIn: !!tokens,
      grant: slot.provider.grant,
      ...(ref ? { clientSecretRef: ref, clientSecretSet: slot.clientSecretSet } : {}),
      ...(host ? { authorizationHost: host } : {}),
      ...(account ? { account } : {}),
      ...(tokens?.scope ? { scopes: tokens.scope.split(' ').filter(Boolean) } : {}),
    };
  }

  /** RFC 9207: where the server advertises `iss` in authorization responses it must be there and be the issuer. */
  private issProblem(slot: Slot, iss: string | null): string | undefined {
    const metadata = slot.provider.discoveryState()?.authorizationServerMetadata;
    if (!metadata) return undefined;
    const expected = metadata.issuer;
    const advertised = (metadata as { authorization_response_iss_parameter_supported?: boolean }).authorization_response_iss_parameter_supported === true;
    if (iss === null) {
      return advertised
        ? `The authorization response did not say which server sent it (no "iss"), though ${new URL(expected).host} promises to; Switchboard refused it.`
        : undefined;
    }
    if (iss !== expected)
      return `The authorization response came from "${iss.slice(0, 200)}", not from ${expected}; Switchboard refused it (a mix-up attack looks like this).`;
    return undefined;
  }

  private async revoke(
    slot: Slot,
    tokens: { access_token?: string | undefined; refresh_token?: string | undefined; issuer?: string | undefined } | undefined,
    client: unknown,
  ): Promise<void> {
    const metadata = (slot.provider.discoveryState()?.authorizationServerMetadata ?? (await this.rediscover(slot, tokens?.issuer))) as
      { revocation_endpoint?: string } | undefined;
    const endpoint = metadata?.revocation_endpoint;
    const token = tokens?.refresh_token ?? tokens?.access_token;
    const clientId = (client as { client_id?: string } | undefined)?.client_id;
    if (!endpoint || !token || !clientId) return;
    try {
      const body = new URLSearchParams({ token, client_id: clientId, token_type_hint: tokens?.refresh_token ? 'refresh_token' : 'access_token' });
      await fetch(endpoint, { method: 'POST', body, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      this.o.logger.warn('token revocation failed; the tokens are forgotten anyway', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /**
   * The authorization server's metadata when this launch has not discovered it (tokens from an earlier
   * launch): found again, and used only if it is the server the tokens were issued by (their SDK stamp).
   */
  private async rediscover(slot: Slot, issuer: string | undefined): Promise<unknown> {
    if (!issuer) return undefined;
    try {
      const info = await discoverOAuthServerInfo(slot.serverUrl, { fetchFn: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(10_000) }) });
      return sameIssuer(String(info.authorizationServerUrl), issuer) ? info.authorizationServerMetadata : undefined;
    } catch (error) {
      this.o.logger.info('could not find the authorization server to revoke tokens', { error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }

  private async slot(def: RemoteDefinition): Promise<Slot> {
    const settings: OAuthSettings = def.transport.oauth ?? { grant: 'authorization_code' };
    const redirectUrl = settings.grant === 'client_credentials' ? undefined : await this.o.endpoint.redirectUrl();
    const clientMetadataUrl = settings.clientMetadataUrl ?? (this.o.clientMetadataUrl() || undefined);
    const clientSecret = settings.clientSecretRef ? await this.o.secrets.read(secretKeys.clientSecret(def.transport.url, settings.clientSecretRef)) : undefined;
    const key = createHash('sha256')
      .update(JSON.stringify([def.transport.url, settings, redirectUrl, clientMetadataUrl, clientSecret ?? '']))
      .digest('hex');
    const existing = this.slots.get(def.name);
    if (existing?.key === key) return existing;
    const name = def.name;
    const store = new AuthRecordStore(this.o.secrets, secretKeys.server(name, def.transport.url), (values) =>
      this.o.onSecrets(name, clientSecret ? [...values, clientSecret] : values),
    );
    const provider = new HostOAuthProvider({
      settings,
      redirectUrl,
      clientMetadataUrl,
      clientSecret,
      store,
      now: this.o.now,
      onAuthorizationUrl: (url, state) => {
        const old = this.offers.get(name);
        if (old) this.flows.delete(old.state);
        this.offers.set(name, { url, state, at: this.o.now() });
        this.flows.set(state, { name, at: this.o.now() });
      },
    });
    const slot = { key, provider, store, serverUrl: def.transport.url, clientSecretSet: clientSecret !== undefined };
    this.slots.set(name, slot);
    return slot;
  }
}
