// DPoP (RFC 9449) for one remote server: the key that tokens are bound to, and the fetch layer that proves it.
// Proofs, nonces and the nonce challenge come from the SDK's v2 line (DpopSession, isDpopNonceChallenge); this
// file keeps the key across launches (a bound refresh token is useless with another key) and signs the requests
// the SDK has not signed itself: token requests (RFC 9449 §5, a 400 `use_dpop_nonce` answered once with the
// server's nonce, §8) and MCP requests that carry a bound token (`Authorization: DPoP`, §7, a 401
// `use_dpop_nonce` answered once, §9). A request that already has a `DPoP` header passes untouched.
import { createHash, webcrypto } from 'node:crypto';
import { DpopSession, generateDpopKeyPair, isDpopNonceChallenge, type DpopKeyPair } from '@modelcontextprotocol/client';
import type { FetchLike } from '@modelcontextprotocol/client';

/** Where the key lives between launches (the OAuth secret store). */
export interface DpopKeyStore {
  read(): Promise<string | undefined>;
  write(value: string): Promise<void>;
}

export interface DpopBindingOptions {
  keys: DpopKeyStore;
  /** The authorization server's token endpoint, once discovered. */
  tokenEndpoint(): string | undefined;
  /** The stored access token when the authorization server bound it (`token_type: DPoP`). */
  boundToken(): Promise<string | undefined>;
}

interface StoredKey {
  alg: 'ES256';
  privateJwk: webcrypto.JsonWebKey;
  publicJwk: webcrypto.JsonWebKey;
}

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** RFC 7638 thumbprint of a P-256 public key. */
function thumbprint(jwk: webcrypto.JsonWebKey): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
    .digest('base64url');
}

async function loadKey(text: string): Promise<DpopKeyPair | undefined> {
  try {
    const stored = JSON.parse(text) as StoredKey;
    const privateKey = await webcrypto.subtle.importKey('jwk', stored.privateJwk, EC, false, ['sign']);
    const publicKey = await webcrypto.subtle.importKey('jwk', stored.publicJwk, EC, true, ['verify']);
    const publicJwk = { kty: stored.publicJwk.kty, crv: stored.publicJwk.crv, x: stored.publicJwk.x, y: stored.publicJwk.y };
    return { privateKey, publicKey, publicJwk, thumbprint: thumbprint(stored.publicJwk), alg: stored.alg } as DpopKeyPair;
  } catch {
    return undefined;
  }
}

function sameEndpoint(a: URL, b: string): boolean {
  try {
    const u = new URL(b);
    return a.origin === u.origin && a.pathname === u.pathname;
  } catch {
    return false;
  }
}

/** RFC 9449 §8: the authorization server asks for a nonce with a 400 `use_dpop_nonce` and a `DPoP-Nonce` header. */
async function isTokenNonceChallenge(response: Response): Promise<boolean> {
  if (response.status !== 400 || !response.headers.has('dpop-nonce')) return false;
  try {
    return ((await response.clone().json()) as { error?: unknown }).error === 'use_dpop_nonce';
  } catch {
    return false;
  }
}

export class DpopBinding {
  private session: Promise<DpopSession> | undefined;

  constructor(private readonly o: DpopBindingOptions) {}

  /** The session (key and nonces), made once: the stored key, or a new P-256 key stored for the next launch. */
  dpop(): Promise<DpopSession> {
    this.session ??= this.open();
    return this.session;
  }

  private async open(): Promise<DpopSession> {
    const text = await this.o.keys.read();
    const stored = text ? await loadKey(text) : undefined;
    if (stored) return DpopSession.create({ keyPair: stored });
    const pair = await generateDpopKeyPair({ alg: 'ES256', extractable: true });
    const privateJwk = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
    await this.o.keys.write(JSON.stringify({ alg: 'ES256', privateJwk, publicJwk: pair.publicJwk } satisfies StoredKey));
    return DpopSession.create({ keyPair: pair });
  }

  /** `next` with proofs added where RFC 9449 asks for them. */
  wrap(next: FetchLike): FetchLike {
    return async (input, init) => {
      const headers = new Headers(init?.headers);
      if (headers.has('dpop')) return next(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = (init?.method ?? 'GET').toUpperCase();
      const endpoint = this.o.tokenEndpoint();
      const toToken = method === 'POST' && endpoint !== undefined && sameEndpoint(url, endpoint);
      let token: string | undefined;
      if (!toToken) {
        // Only a request the transport authenticated with the bound token is presented with DPoP; discovery
        // and anything else passes as it is (the token never goes where it was not going).
        token = await this.o.boundToken();
        if (!token || headers.get('authorization') !== `Bearer ${token}`) return next(input, init);
      }
      const session = await this.dpop();
      const send = async (): Promise<Response> => {
        const signed = new Headers(init?.headers);
        signed.set('DPoP', await session.buildProof({ htm: method, htu: url, ...(token ? { accessToken: token } : {}) }));
        if (token) signed.set('Authorization', `DPoP ${token}`);
        return next(input, { ...init, headers: signed });
      };
      let response = await send();
      const challenged = toToken ? await isTokenNonceChallenge(response) : isDpopNonceChallenge(response) && response.headers.has('dpop-nonce');
      if (challenged) {
        session.observeNonce(response, url);
        await response.body?.cancel().catch(() => undefined);
        response = await send();
      }
      session.observeNonce(response, url);
      return response;
    };
  }
}
