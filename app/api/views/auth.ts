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
