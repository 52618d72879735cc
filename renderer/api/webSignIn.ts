// How a web-mode tab stays signed in without a cookie: a one-time link's token is taken from the
// URL fragment and wiped from the address bar and history at once; the session credential the
// server trades it for lives in memory and in sessionStorage, which only this origin (port
// included) and this tab can read, so a reload keeps working and no other port ever sees it.
import type { WsAuth, WsHello } from './wsHost.ts';

const SESSION_KEY = 'switchboard.session';

export interface SignInPlace {
  location: { hash: string; pathname: string; search: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string): void };
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/** Reads `#token=…` and removes it from the URL before anything else runs. */
export function takeLinkToken(place: SignInPlace): string | undefined {
  const params = new URLSearchParams(place.location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (token === null) return undefined;
  place.history.replaceState(place.history.state, '', place.location.pathname + place.location.search);
  return token || undefined;
}

export function webSignIn(place: SignInPlace): WsAuth {
  let linkToken = takeLinkToken(place);
  let session = readSession(place);
  return {
    // A fresh link is a deliberate act: it wins over a session this tab already had.
    hello(): WsHello {
      if (linkToken) return { token: linkToken };
      if (session) return { session };
      return { none: true };
    },
    welcome(next) {
      linkToken = undefined;
      session = next;
      try {
        place.storage.setItem(SESSION_KEY, next);
      } catch {
        // Storage full or blocked: the session still lives in memory until this tab reloads.
      }
    },
    refused() {
      linkToken = undefined;
      session = undefined;
      try {
        place.storage.removeItem(SESSION_KEY);
      } catch {
        // Nothing stored.
      }
    },
  };
}

function readSession(place: SignInPlace): string | undefined {
  try {
    return place.storage.getItem(SESSION_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
