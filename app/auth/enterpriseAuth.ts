// Enterprise-managed authorization (SEP-990, "cross-app access"): the person's organization signs them in. The ID
// token from the organization's identity provider (set in Settings) is exchanged there for an ID-JAG authorization
// grant aimed at this MCP server's authorization server (RFC 8693 token exchange), and the grant is then presented
// to that authorization server as a JWT bearer grant (RFC 7523) — no browser, no consent page. The exchange is the
// SDK's (discoverAndRequestJwtAuthGrant, the v2 line); this file only gathers what it needs and words its failures.
import { discoverAndRequestJwtAuthGrant, requestJwtAuthorizationGrant } from '@modelcontextprotocol/client';
import type { OAuthDiscoveryState } from '@modelcontextprotocol/client';
import type { FetchLike } from '@modelcontextprotocol/client';
import { ConnectFailure } from '../servers/describeFailure.ts';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The organization's identity provider, as Settings holds it (the secrets from the OAuth secret store). */
export interface EnterpriseIdp {
  /** The IdP's issuer URL; its token endpoint is found from its metadata. */
  issuer: string;
  /** Switchboard's client id at the IdP. */
  clientId: string;
  /** The IdP's token endpoint, when its metadata cannot be discovered from the issuer. */
  tokenEndpoint?: string | undefined;
  clientSecret?: string | undefined;
  /** The person's ID token from the IdP (pasted in Settings). */
  idToken?: string | undefined;
}

export interface GrantContext {
  discovery: OAuthDiscoveryState | undefined;
  serverUrl: string;
  scope: string | undefined;
  fetchFn: FetchLike;
}

/** The token request for the MCP server's authorization server: a JWT bearer grant carrying a fresh ID-JAG. */
export async function enterpriseTokenRequest(idp: EnterpriseIdp | undefined, ctx: GrantContext): Promise<URLSearchParams> {
  if (!idp?.issuer || !idp.clientId || !idp.idToken) {
    throw new ConnectFailure({
      message:
        "This server signs in through your organization's identity provider, which is not set up yet: give its issuer, Switchboard's client id there and your ID token under Settings → Sign-in.",
      final: true,
    });
  }
  const authorizationServer = ctx.discovery?.authorizationServerUrl;
  if (!authorizationServer) throw new Error("the MCP server's authorization server is not known yet");
  const resource = ctx.discovery?.resourceMetadata?.resource ?? ctx.serverUrl;
  let grant: string;
  try {
    const request = {
      audience: String(authorizationServer),
      resource: String(resource),
      idToken: idp.idToken,
      clientId: idp.clientId,
      ...(idp.clientSecret ? { clientSecret: idp.clientSecret } : {}),
      ...(ctx.scope ? { scope: ctx.scope } : {}),
      fetchFn: ctx.fetchFn,
    };
    ({ jwtAuthGrant: grant } = idp.tokenEndpoint
      ? await requestJwtAuthorizationGrant({ ...request, tokenEndpoint: idp.tokenEndpoint })
      : await discoverAndRequestJwtAuthGrant({ ...request, idpUrl: idp.issuer }));
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    // A metadata document that does not parse comes back as the schema's issue list: say it in words.
    const why = text.trimStart().startsWith('[')
      ? `its metadata under ${idp.issuer}/.well-known/ is not valid OAuth or OpenID metadata; give its token endpoint in Settings`
      : text;
    throw new ConnectFailure({
      message: `Your organization's identity provider (${new URL(idp.issuer).host}) did not grant access to this server: ${why.replace(/[.!?]?\s*$/, '.')} If your ID token expired, paste a new one under Settings → Sign-in.`,
      final: true,
    });
  }
  const params = new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion: grant });
  if (ctx.scope) params.set('scope', ctx.scope);
  return params;
}
