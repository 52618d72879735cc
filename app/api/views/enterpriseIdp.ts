// The organization's identity provider for enterprise-managed sign-in (SEP-990), as Settings shows it.

export interface EnterpriseIdpView {
  /** The IdP's issuer URL. */
  issuer: string;
  /** Switchboard's client id at the IdP. */
  clientId: string;
  /** Set when the IdP's metadata cannot be discovered. */
  tokenEndpoint?: string;
  clientSecretSet: boolean;
  /** How the person's ID token is obtained: pasted in Settings (from the IdP's own tools or portal). */
  idTokenSource: 'pasted';
  idTokenSet: boolean;
}
