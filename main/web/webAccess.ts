// Who holds a session in web mode. No credential ever travels in a cookie (browsers send
// 127.0.0.1 cookies to every port) or stays in a URL:
//  - the printed launch token and each one-time link are tickets, redeemed once on a WebSocket's
//    first frame and invalid afterwards;
//  - redeeming one gives a session credential that the page keeps where only its own origin
//    (scheme + host + port) can read it, sessionStorage, and sends as the first frame of every socket.
import { createHash, randomBytes } from 'node:crypto';

export type Hello = { token: string } | { session: string } | Record<string, never>;

export type HelloOutcome = { kind: 'welcome'; session: string } | { kind: 'refused'; reason: string };

export interface WebAccessOptions {
  /** Defaults to 32 random bytes. Tests may pass their own. */
  launchToken?: string;
  now?: () => number;
  /** How long a one-time link stays valid; default 5 minutes. */
  ticketTtlMs?: number;
  /** Sessions kept at once; the oldest goes first. */
  maxSessions?: number;
  /** One-time links outstanding at once; the oldest goes first. */
  maxTickets?: number;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (value: string): string => createHash('sha256').update(value).digest('base64url');

export class WebAccess {
  readonly launchToken: string;
  readonly ticketTtlMs: number;
  private readonly now: () => number;
  private readonly maxSessions: number;
  private readonly maxTickets: number;
  /** Digest of a ticket → when it expires. Only digests are kept, so a memory dump shows no live credential. */
  private readonly tickets = new Map<string, number>();
  private readonly sessions = new Set<string>();
  /** The printed token's digest until it is redeemed; it never expires but works once. */
  private launchDigest: string | undefined;

  constructor(options: WebAccessOptions = {}) {
    this.launchToken = options.launchToken ?? newToken();
    this.now = options.now ?? Date.now;
    this.ticketTtlMs = options.ticketTtlMs ?? 5 * 60_000;
    this.maxSessions = options.maxSessions ?? 64;
    this.maxTickets = options.maxTickets ?? 16;
    this.launchDigest = digest(this.launchToken);
  }

  /** A new one-time sign-in token for another tab or browser. */
  mintTicket(): { token: string; expiresAt: number } {
    const token = newToken();
    const expiresAt = this.now() + this.ticketTtlMs;
    this.tickets.set(digest(token), expiresAt);
    while (this.tickets.size > this.maxTickets) this.tickets.delete(this.tickets.keys().next().value!);
    return { token, expiresAt };
  }

  redeem(hello: Hello): HelloOutcome {
    if ('session' in hello && typeof hello.session === 'string') {
      if (this.sessions.has(digest(hello.session))) return { kind: 'welcome', session: hello.session };
      return {
        kind: 'refused',
        reason: 'This tab’s sign-in is not valid for this run of Switchboard (was it restarted?). Open the link printed in the terminal where it runs.',
      };
    }
    if ('token' in hello && typeof hello.token === 'string') {
      const key = digest(hello.token);
      let expiresAt = this.tickets.get(key);
      this.tickets.delete(key);
      if (key === this.launchDigest) {
        this.launchDigest = undefined;
        expiresAt = Number.POSITIVE_INFINITY;
      }
      if (expiresAt === undefined) {
        return {
          kind: 'refused',
          reason:
            'This sign-in link was already used, or is not from this run of Switchboard. Each link works once: get a new one from a signed-in tab (Settings → Web access) or from the terminal.',
        };
      }
      if (expiresAt < this.now()) {
        return { kind: 'refused', reason: 'This one-time link expired. Get a new one from a signed-in tab (Settings → Web access).' };
      }
      const session = newToken();
      this.sessions.add(digest(session));
      while (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.values().next().value!);
      return { kind: 'welcome', session };
    }
    return {
      kind: 'refused',
      reason: 'This tab is not signed in to Switchboard. Open the link printed in the terminal where it runs, or a one-time link from a signed-in tab.',
    };
  }
}

/** Reads `{ "hello": { "token" } | { "session" } | {} }`; anything else is undefined. */
export function parseHello(text: string): Hello | undefined {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof frame !== 'object' || frame === null) return undefined;
  const hello = (frame as { hello?: unknown }).hello;
  if (typeof hello !== 'object' || hello === null || Array.isArray(hello)) return undefined;
  const h = hello as Record<string, unknown>;
  if (isCredential(h.token)) return { token: h.token };
  if (isCredential(h.session)) return { session: h.session };
  return {};
}

function isCredential(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 256;
}
