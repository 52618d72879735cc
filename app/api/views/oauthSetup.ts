// A remote entry's sign-in set-up as the server form shows it: the `oauth` block without any secret value.

export interface OAuthSetupView {
  grant: 'authorization_code' | 'client_credentials' | 'enterprise';
  clientId?: string;
  scopes?: string[];
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post' | 'none' | 'private_key_jwt';
  clientMetadataUrl?: string;
  dpop?: boolean;
  /** The name the secret (or private key) is stored under; its value never leaves the core. */
  clientSecretRef?: string;
}
