// The sign-in set-up the server form sends for a remote entry: the `oauth` block of config.json, with the
// client secret (or private key) typed into the form instead of its reference. The host stores the secret
// in its secret store and writes only a reference to config.json.
import { z } from 'zod';

const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

export const oauthInput = z
  .object({
    grant: z.enum(['authorization_code', 'client_credentials', 'enterprise'], {
      error: "Choose how to sign in: in a browser, with client credentials (no browser), or through your organization's identity provider.",
    }),
    clientId: z
      .string()
      .trim()
      .min(1, 'Give the client id, or leave it out to register automatically.')
      .max(500, 'A client id longer than 500 characters is not one.')
      .optional(),
    scopes: z
      .array(
        z
          .string()
          .regex(SCOPE, 'A scope is one word without spaces, quotes or backslashes, e.g. "read".')
          .max(200, 'A scope longer than 200 characters is not one.'),
      )
      .max(50, 'Ask for at most 50 scopes.')
      .optional(),
    tokenEndpointAuthMethod: z
      .enum(['client_secret_basic', 'client_secret_post', 'none', 'private_key_jwt'], {
        error: 'Choose how the client proves itself: client secret (Basic or in the body), a private key (private_key_jwt), or none.',
      })
      .optional(),
    clientMetadataUrl: z
      .url({ protocol: /^https$/, error: 'A client metadata document URL must be an https URL, e.g. https://example.com/client.json.' })
      .optional(),
    /** RFC 9449: ask for tokens bound to a key only this app holds, and prove it on every request. */
    dpop: z.boolean().optional(),
    /** A secret or PKCS#8 private key typed now, or `{ keep: true }` for the one already stored. Absent: none. */
    clientSecret: z.union([z.string().min(1).max(20_000), z.object({ keep: z.literal(true) }).strict()]).optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    const needsId = o.grant !== 'authorization_code' || o.tokenEndpointAuthMethod === 'private_key_jwt' || o.clientSecret !== undefined;
    if (needsId && !o.clientId) {
      const why =
        o.grant === 'client_credentials'
          ? 'Client credentials need the client id the authorization server gave you.'
          : o.grant === 'enterprise'
            ? "Enterprise sign-in needs the client id this server's authorization server gave you."
            : o.tokenEndpointAuthMethod === 'private_key_jwt'
              ? 'A private key signs in as a registered client: give its client id.'
              : 'A client secret belongs to a registered client: give its client id.';
      ctx.addIssue({ code: 'custom', path: ['clientId'], message: why });
    }
    if (o.tokenEndpointAuthMethod === 'none' && o.clientSecret !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['clientSecret'], message: 'A public client ("none") has no secret: remove it, or choose how the secret is sent.' });
    }
    if (o.grant === 'client_credentials' && o.clientSecret === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['clientSecret'],
        message:
          o.tokenEndpointAuthMethod === 'private_key_jwt'
            ? 'Paste the private key (PKCS#8 PEM) for this client.'
            : 'Client credentials need the client secret.',
      });
    }
    if (o.tokenEndpointAuthMethod === 'private_key_jwt' && o.clientSecret === undefined) {
      ctx.addIssue({ code: 'custom', path: ['clientSecret'], message: 'Paste the private key (PKCS#8 PEM) this client signs with.' });
    }
    if (o.tokenEndpointAuthMethod === 'private_key_jwt' && typeof o.clientSecret === 'string' && !o.clientSecret.includes('-----BEGIN PRIVATE KEY-----')) {
      ctx.addIssue({
        code: 'custom',
        path: ['clientSecret'],
        message: 'This is not a PKCS#8 private key: paste the whole PEM, from "-----BEGIN PRIVATE KEY-----" to "-----END PRIVATE KEY-----".',
      });
    }
  });

export type OAuthInput = z.infer<typeof oauthInput>;

/** Settings → the organization's identity provider for enterprise-managed sign-in (SEP-990). */
export const enterpriseIdpInput = z
  .object({
    issuer: z.url({ protocol: /^https?$/, error: "Give the identity provider's issuer URL, e.g. https://login.example.com." }),
    clientId: z.string().trim().min(1, "Give Switchboard's client id at the identity provider.").max(500),
    /** Only when the IdP's metadata cannot be discovered from its issuer; '' clears it. */
    tokenEndpoint: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'The token endpoint must be a full http(s) URL.' })]).optional(),
    clientSecret: z.string().trim().min(1).max(20_000).nullable().optional(),
    idToken: z
      .string()
      .trim()
      .regex(/^[\w-]+\.[\w-]+\.[\w-]*$/, 'An ID token is a JWT: three parts separated by dots, e.g. eyJhbGciOi….')
      .max(20_000)
      .nullable()
      .optional(),
  })
  .strict();

export type EnterpriseIdpInput = z.infer<typeof enterpriseIdpInput>;
