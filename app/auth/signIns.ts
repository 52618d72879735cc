// Sign-in for every remote server: one provider per server, the authorization URLs waiting for the person,
// callbacks matched by `state` (single use) with the RFC 9207 `iss` check, sign-out with revocation.
import { createHash } from 'node:crypto';
import { auth, discoverOAuthServerInfo } from '@modelcontextprotocol/client';
import type { AuthView, SignInStart } from '../api/views.ts';
import type { OAuthSettings, ServerDefinition } from '../config/serverDefinition.ts';
import type { Logger } from '../base/logger.ts';
import { accountName } from './accountName.ts';
import { AccountBook, FIRST_ACCOUNT, newAccountId, type AccountIndex } from './accountBook.ts';
import { accountsView, renameAccount, slotKey, type AccountChange } from './accountSignIns.ts';
import { AuthRecordStore } from './authRecord.ts';
import { secretKeys, type AuthSecrets } from '../secrets/index.ts';
import type { CallbackEndpoint, CallbackOutcome } from './callbackEndpoint.ts';
import { HostOAuthProvider } from './hostOAuthProvider.ts';
import { dpopBindingFor } from './dpopBinding.ts';
import { issProblem, sameIssuer } from './authorizationIssuer.ts';
import type { EnterpriseIdp } from './enterpriseAuth.ts';

export interface SignInsOptions {
  secrets: AuthSecrets;
  endpoint: CallbackEndpoint;
  /** The Client ID Metadata Document URL from Settings; empty means none. */
  clientMetadataUrl: () => string;
  /** After tokens arrive (or are forgotten): reconnect the server (`change.main`: the account its entry uses changed). */
  onChanged(name: string, why: 'signed-in' | 'signed-out' | 'switched', change?: AccountChange): void;
  /** SEP-990: the organization's identity provider from Settings (for entries with `grant: "enterprise"`). */
  enterprise?: () => Promise<EnterpriseIdp | undefined>;
  /** Every token and secret value, for the redactor. */
  onSecrets(name: string, values: string[]): void;
  logger: Logger;
  now: () => number;
}

interface Slot {
  key: string;
  account: string;
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

function isRemote(def: ServerDefinition): def is RemoteDefinition {
  return def.transport.kind !== 'stdio';
}

/** A configured Authorization header wins: such a server signs in its own way. */
function usesOAuth(def: ServerDefinition): def is RemoteDefinition {
  return isRemote(def) && !Object.keys(def.transport.headers).some((h) => h.toLowerCase() === 'authorization');
}

export class SignIns {
  /** By slotKey(server, account); offers too. */
  private readonly slots = new Map<string, Slot>();
  private readonly offers = new Map<string, Offer>();
  /** state → server name and account, for callbacks. */
  private readonly flows = new Map<string, { name: string; account: string; at: number }>();
  /** Per server: the id of an account being added (its sign-in not finished yet), reused while its offer waits. */
  private readonly adding = new Map<string, string>();
  readonly accounts: AccountBook;
  private readonly detach: () => void;

  constructor(private readonly o: SignInsOptions) {
    this.detach = o.endpoint.attach((query) => this.complete(query));
    this.accounts = new AccountBook(o.secrets);
  }

  dispose(): void {
    this.detach();
  }

  /** The provider to give this server's HTTP/SSE transport (its default account, or `account`), or undefined when it does not use OAuth. */
  async providerFor(def: ServerDefinition, account?: string): Promise<HostOAuthProvider | undefined> {
    if (!usesOAuth(def)) return undefined;
    const slot = await this.slot(def, account ?? (await this.index(def)).default);
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
      await auth(slot.provider, { serverUrl: slot.serverUrl, fetchFn: slot.provider.authFetch });
    } catch (error) {
      // The connection's own 401 handling takes over.
      this.o.logger.info('early token refresh failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** The authorization server's host, once the server asked for sign-in (for its default account, or `account`). */
  signInHost(name: string, account?: string): string | undefined {
    return this.offers.get(slotKey(name, account ?? this.accounts.defaultOf(name)))?.url.host;
  }

  /** The server's accounts (read once; a sign-in from before accounts is its first account). */
  async index(def: ServerDefinition): Promise<AccountIndex> {
    return this.accounts.read(def.name, async () => {
      if (!usesOAuth(def)) return { signedIn: false };
      const tokens = (await (await this.slot(def, FIRST_ACCOUNT)).store.read()).tokens;
      return { signedIn: !!tokens, name: accountName(tokens) };
    });
  }

  /**
   * The URL to open for this server's default account (or `account`; 'new' adds one beside the others): the
   * waiting one, or a fresh one; or already signed in (a refresh worked).
   */
  async begin(def: ServerDefinition, account?: string): Promise<SignInStart> {
    if (!usesOAuth(def)) throw new Error(`\`${def.name}\` does not sign in with OAuth.`);
    const index = await this.index(def);
    if (account === 'new' && (index.accounts.length === 0 || def.transport.oauth?.grant === 'client_credentials')) account = undefined;
    if (account === 'new') account = this.adding.get(def.name) ?? newAccountId();
    const id = account ?? index.default ?? FIRST_ACCOUNT;
    if (!index.accounts.some((a) => a.id === id) && id !== FIRST_ACCOUNT) this.adding.set(def.name, id);
    const slot = await this.slot(def, id);
    const waiting = this.offers.get(slotKey(def.name, id));
    if (waiting && this.o.now() - waiting.at < OFFER_TTL_MS && this.flows.has(waiting.state)) {
      return { kind: 'open', url: waiting.url.href, authorizationHost: waiting.url.host, opened: false };
    }
    const result = await auth(slot.provider, { serverUrl: slot.serverUrl, fetchFn: slot.provider.authFetch });
    if (result === 'AUTHORIZED') {
      this.o.onChanged(def.name, 'signed-in', await this.remember(def.name, slot));
      return { kind: 'signed-in' };
    }
    const offer = this.offers.get(slotKey(def.name, id));
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
    const slot = this.slots.get(slotKey(flow.name, flow.account));
    if (!slot || !slot.provider.resume(state))
      return { ok: false, message: 'This sign-in was replaced by a newer one. Start again with Sign in in Switchboard.' };
    try {
      const error = query.get('error');
      if (error) {
        const said = query.get('error_description');
        return { ok: false, message: `The authorization server did not sign you in (${error}${said ? `: ${said.slice(0, 300)}` : ''}).` };
      }
      const refused = issProblem(slot.provider.discoveryState()?.authorizationServerMetadata, query.get('iss'));
      if (refused) {
        this.o.logger.warn('sign-in refused', { server: flow.name, reason: refused });
        return { ok: false, message: refused };
      }
      const code = query.get('code');
      if (!code) return { ok: false, message: 'The authorization server came back without a code. Start again with Sign in in Switchboard.' };
      const iss = query.get('iss');
      // The SDK checks RFC 9207 again against the issuer it recorded: it needs the same `iss`.
      const result = await auth(slot.provider, {
        serverUrl: slot.serverUrl,
        authorizationCode: code,
        fetchFn: slot.provider.authFetch,
        ...(iss !== null ? { iss } : {}),
      });
      if (result !== 'AUTHORIZED') return { ok: false, message: 'The authorization server did not issue tokens.' };
      if (this.offers.get(slotKey(flow.name, flow.account))?.state === state) this.offers.delete(slotKey(flow.name, flow.account));
      this.o.logger.info('signed in', { server: flow.name });
      this.o.onChanged(flow.name, 'signed-in', await this.remember(flow.name, slot));
      return { ok: true, message: `Switchboard is signed in to ${new URL(slot.serverUrl).host}.` };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      return { ok: false, message: `Signing in did not finish: ${text}` };
    } finally {
      slot.provider.forget(state);
    }
  }

  /**
   * Signs the default account (or `account`) out: its tokens are revoked where the server supports it and
   * forgotten, and it leaves the list (the other accounts stay). The first account keeps its registration.
   */
  async signOut(def: ServerDefinition, account?: string): Promise<void> {
    if (!usesOAuth(def)) return;
    const before = await this.index(def);
    const id = account ?? before.default ?? FIRST_ACCOUNT;
    const slot = await this.slot(def, id);
    const record = await slot.store.read();
    await this.revoke(slot, record.tokens, record.client);
    await slot.store.update((r) => (r.client && id === FIRST_ACCOUNT ? { client: r.client } : {}));
    this.offers.delete(slotKey(def.name, id));
    if (id !== FIRST_ACCOUNT) this.slots.delete(slotKey(def.name, id));
    const after = await this.accounts.update(def.name, (i) => ({ ...i, accounts: i.accounts.filter((a) => a.id !== id) }));
    const main = (before.default ?? FIRST_ACCOUNT) === id || before.default !== after.default;
    this.o.onChanged(def.name, 'signed-out', { account: id, main });
  }

  /** The label the person gave an account. */
  async rename(def: ServerDefinition, account: string, label: string): Promise<void> {
    await this.index(def);
    await renameAccount(this.accounts, def.name, account, label);
  }

  /** Which account the server entry uses (its connection reconnects as that account). */
  async setDefault(def: ServerDefinition, account: string): Promise<void> {
    const index = await this.index(def);
    if (!index.accounts.some((a) => a.id === account)) throw new Error(`\`${def.name}\` has no signed-in account "${account}".`);
    if (index.default === account) return;
    await this.accounts.update(def.name, (i) => ({ ...i, default: account }));
    this.o.onChanged(def.name, 'switched', { account, main: true });
  }

  /** After tokens arrived for an account: it is on the list (labelled from its tokens when new). */
  private async remember(name: string, slot: Slot): Promise<AccountChange> {
    if (this.adding.get(name) === slot.account) this.adding.delete(name);
    const tokens = (await slot.store.read()).tokens;
    const before = this.accounts.peek(name) ?? { accounts: [] };
    if (slot.provider.grant === 'client_credentials' || before.accounts.some((a) => a.id === slot.account)) {
      return { account: slot.account, main: (before.default ?? FIRST_ACCOUNT) === slot.account };
    }
    const after = await this.accounts.update(name, (i) => ({
      ...i,
      accounts: [...i.accounts, { id: slot.account, label: AccountBook.labelFor(i, accountName(tokens)) }],
    }));
    return { account: slot.account, main: before.default === undefined && after.default === slot.account };
  }

  /**
   * A removed server: its tokens are revoked where its authorization server supports it, and its sign-in
   * records (tokens, client registration, under any URL it had) and its client secret leave the store.
   * `stillUsed` says whether another entry names the same client secret (same origin and ref): then it stays.
   */
  async forget(name: string, def: ServerDefinition | undefined, stillUsed: (key: string) => boolean): Promise<void> {
    const ids = def && usesOAuth(def) ? (await this.index(def)).accounts.map((a) => a.id) : [];
    for (const id of new Set([FIRST_ACCOUNT, ...ids])) if (def && usesOAuth(def)) await this.slot(def, id);
    for (const [key, slot] of this.slots) {
      if (key !== slotKey(name, slot.account)) continue;
      // Revoked in the background: an authorization server that does not answer must not hold up the
      // removal (discovery and revocation may each take up to 10 s); the tokens leave the disk now.
      const record = await slot.store.read();
      void this.revoke(slot, record.tokens, record.client);
      this.slots.delete(key);
      const offer = this.offers.get(key);
      if (offer) this.flows.delete(offer.state);
      this.offers.delete(key);
    }
    this.accounts.forget(name);
    this.adding.delete(name);
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
    for (const [key, slot] of this.slots) if (key === slotKey(def.name, slot.account)) this.slots.delete(key);
    await this.slot(def, this.accounts.defaultOf(def.name));
  }

  view(def: ServerDefinition): AuthView | undefined {
    if (!usesOAuth(def)) return undefined;
    const slot = this.slots.get(slotKey(def.name, this.accounts.defaultOf(def.name)));
    if (!slot) return undefined;
    const tokens = slot.store.peek()?.tokens;
    const accounts = accountsView(this.accounts.peek(def.name), this.adding.has(def.name), (id) => this.offers.has(slotKey(def.name, id)));
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
      ...accounts,
    };
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

  private async slot(def: RemoteDefinition, account: string = FIRST_ACCOUNT): Promise<Slot> {
    const settings: OAuthSettings = def.transport.oauth ?? { grant: 'authorization_code' };
    const redirectUrl = settings.grant === 'authorization_code' ? await this.o.endpoint.redirectUrl() : undefined;
    const clientMetadataUrl = settings.clientMetadataUrl ?? (this.o.clientMetadataUrl() || undefined);
    const clientSecret = settings.clientSecretRef ? await this.o.secrets.read(secretKeys.clientSecret(def.transport.url, settings.clientSecretRef)) : undefined;
    const key = createHash('sha256')
      .update(JSON.stringify([def.transport.url, settings, redirectUrl, clientMetadataUrl, clientSecret ?? '']))
      .digest('hex');
    const name = def.name;
    const at = slotKey(name, account);
    const existing = this.slots.get(at);
    if (existing?.key === key) return existing;
    const recordKey = account === FIRST_ACCOUNT ? secretKeys.server(name, def.transport.url) : secretKeys.account(name, account, def.transport.url);
    const store = new AuthRecordStore(this.o.secrets, recordKey, (values) =>
      this.o.onSecrets(account === FIRST_ACCOUNT ? name : `${name}#${account}`, clientSecret ? [...values, clientSecret] : values),
    );
    // eslint-disable-next-line prefer-const -- the binding reads the provider it is given to
    let provider: HostOAuthProvider;
    const dpop = settings.dpop ? dpopBindingFor(this.o.secrets, store, secretKeys.dpopKey(name, def.transport.url), () => provider) : undefined;
    provider = new HostOAuthProvider({
      settings,
      dpop,
      serverUrl: def.transport.url,
      ...(this.o.enterprise ? { enterprise: this.o.enterprise } : {}),
      redirectUrl,
      clientMetadataUrl,
      clientSecret,
      store,
      now: this.o.now,
      onAuthorizationUrl: (url, state) => {
        const old = this.offers.get(at);
        if (old) this.flows.delete(old.state);
        this.offers.set(at, { url, state, at: this.o.now() });
        this.flows.set(state, { name, account, at: this.o.now() });
      },
    });
    const slot = { key, account, provider, store, serverUrl: def.transport.url, clientSecretSet: clientSecret !== undefined };
    this.slots.set(at, slot);
    return slot;
  }
}
