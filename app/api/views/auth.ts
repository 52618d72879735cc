// A remote server's OAuth sign-in, as a person may know it (never tokens).
// Plain data that crosses the contract: everything here must survive JSON.stringify.

/** What a person may know about a remote server's OAuth sign-in. */
export interface AuthView {
  signedIn: boolean;
  /** The authorization server's host. */
  authorizationHost?: string;
  /** Who the tokens belong to, where the ID token or a JWT access token says (email, username or subject). */
  account?: string;
  scopes?: string[];
  grant: 'authorization_code' | 'client_credentials' | 'enterprise';
  /** The entry's `oauth.clientSecretRef`, and whether a secret is stored under it (the value never leaves the core). */
  clientSecretRef?: string;
  clientSecretSet?: boolean;
  /** The accounts signed in to this server, in the order they were added; `account`/`scopes` above are the default's. */
  accounts?: AccountView[];
  /** A sign-in for one more account was started and has not come back yet. */
  addingAccount?: boolean;
}

/** One signed-in account of a remote server: the person's label for it, and whether the server entry uses it. */
export interface AccountView {
  id: string;
  label: string;
  isDefault: boolean;
  /** Its sign-in expired or was revoked: a call as this account waits until the person signs it in again. */
  needsSignIn?: boolean;
}

/** The answer to `servers.signIn`: a URL to open in a browser (checked http(s)), or already signed in. */
export type SignInStart =
  | {
      kind: 'open';
      url: string;
      authorizationHost: string;
      /** True when the host already opened it in the system browser (desktop); else the renderer opens a tab. */
      opened: boolean;
    }
  | { kind: 'signed-in' };
