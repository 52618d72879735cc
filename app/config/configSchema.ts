// The zod schema of a Claude Desktop style `claude_desktop_config.json`, plus our own optional fields.
// Unknown fields (top level and inside entries) are kept: the schemas are loose objects.
import { z } from 'zod';

const ourFields = {
  protocol: z
    .enum(['auto', '2026-07-28', '2025-11-25'], {
      error: '`protocol` must be "auto" (ask the server), "2026-07-28" or "2025-11-25".',
    })
    .optional(),
  disabled: z.boolean({ error: '`disabled` must be true or false.' }).optional(),
  toolTimeoutSeconds: z
    .number({ error: '`toolTimeoutSeconds` must be a number of seconds, e.g. 120.' })
    .positive('`toolTimeoutSeconds` must be more than 0, e.g. 120.')
    .optional(),
  disabledTools: z
    .array(z.string({ error: 'Each disabled tool must be a tool name in quotes.' }), {
      error: '`disabledTools` must be a list of tool names, e.g. ["delete_file"].',
    })
    .optional(),
};

const pathList = (field: string) =>
  z
    .array(z.string({ error: `Each entry of \`sandbox.${field}\` must be a path in quotes, e.g. "~/notes".` }).min(1), {
      error: `\`sandbox.${field}\` must be a list of paths, e.g. ["~/notes"].`,
    })
    .optional();

/** A local server's sandbox: `false` runs it unsandboxed; an object widens the default policy. */
export const sandboxBlockSchema = z.union(
  [
    z.literal(false),
    z.looseObject({
      readable: pathList('readable'),
      writable: pathList('writable'),
      domains: z
        .array(z.string({ error: 'Each domain must be a host name in quotes, e.g. "api.github.com".' }).min(1), {
          error: '`sandbox.domains` must be a list of host names, e.g. ["api.github.com"].',
        })
        .optional(),
    }),
  ],
  {
    // An object that fails says which list is wrong (the object option's own message); anything else gets the shape.
    error: (iss) => {
      const inner = iss.code === 'invalid_union' && iss.input !== null && typeof iss.input === 'object' ? iss.errors[1]?.[0]?.message : undefined;
      return inner ?? '`sandbox` must be false (no sandbox) or an object like { "readable": [], "writable": ["~/notes"], "domains": [] }.';
    },
  },
);

export const stdioEntrySchema = z.looseObject({
  type: z.literal('stdio', { error: 'An entry with `command` runs locally: drop `type` or set it to "stdio".' }).optional(),
  command: z
    .string({ error: '`command` must be the program to run in quotes, e.g. "npx".' })
    .trim()
    .min(1, '`command` is empty: give the program to run, e.g. "npx" or a full path.'),
  args: z
    .array(z.string({ error: 'Each argument must be a string in quotes, e.g. "-y".' }), {
      error: '`args` must be a list of strings, e.g. ["-y", "pkg"].',
    })
    .optional(),
  env: z
    .record(z.string(), z.string({ error: 'Environment values must be strings in quotes, e.g. "1" not 1.' }), {
      error: '`env` must be an object of names to strings, e.g. { "API_KEY": "..." }.',
    })
    .optional(),
  cwd: z.string({ error: '`cwd` must be a folder path in quotes.' }).optional(),
  sandbox: sandboxBlockSchema.optional(),
  ...ourFields,
});

/** How a remote server's OAuth client is set up. Secrets are never here: `clientSecretRef` names one in the secret store. */
export const oauthBlockSchema = z.looseObject({
  clientId: z.string({ error: '`oauth.clientId` must be the client id in quotes.' }).min(1, '`oauth.clientId` is empty.').optional(),
  clientSecretRef: z
    .string({ error: '`oauth.clientSecretRef` must name a secret in quotes, e.g. "github-oauth"; the secret itself never goes in config.json.' })
    .min(1)
    .optional(),
  scopes: z
    .array(z.string({ error: 'Each scope must be a string in quotes.' }), { error: '`oauth.scopes` must be a list, e.g. ["read", "write"].' })
    .optional(),
  grant: z
    .enum(['authorization_code', 'client_credentials', 'enterprise'], {
      error:
        '`oauth.grant` must be "authorization_code" (sign in in a browser), "client_credentials" (no browser) or "enterprise" (through your organization\'s identity provider, set in Settings).',
    })
    .optional(),
  tokenEndpointAuthMethod: z
    .enum(['client_secret_basic', 'client_secret_post', 'none', 'private_key_jwt'], {
      error: '`oauth.tokenEndpointAuthMethod` must be "client_secret_basic", "client_secret_post", "none" or "private_key_jwt".',
    })
    .optional(),
  clientMetadataUrl: z.url({ protocol: /^https$/, error: '`oauth.clientMetadataUrl` must be an https URL of a client metadata document.' }).optional(),
  dpop: z.boolean({ error: '`oauth.dpop` must be true (tokens bound to a key of this app, RFC 9449) or false.' }).optional(),
});

export const remoteEntrySchema = z.looseObject({
  url: z.url({ protocol: /^https?$/, error: '`url` must be a full http(s) URL, e.g. "https://example.com/mcp".' }),
  type: z.enum(['http', 'streamable-http', 'sse'], { error: '`type` must be "http", "streamable-http" or "sse" (or left out to detect it).' }).optional(),
  headers: z
    .record(z.string(), z.string({ error: 'Header values must be strings in quotes.' }), {
      error: '`headers` must be an object of header names to strings, e.g. { "Authorization": "Bearer ..." }.',
    })
    .optional(),
  oauth: oauthBlockSchema.optional(),
  ...ourFields,
});

export type StdioEntry = z.infer<typeof stdioEntrySchema>;
export type RemoteEntry = z.infer<typeof remoteEntrySchema>;
export type OAuthBlock = z.infer<typeof oauthBlockSchema>;

/** The file as a whole: only the outer shape; each entry is checked on its own so one bad entry never blocks the rest. */
export const configFileSchema = z.looseObject({
  mcpServers: z
    .record(z.string(), z.unknown(), { error: '`mcpServers` must be an object of server names to entries, e.g. { "memory": { "command": "npx" } }.' })
    .optional(),
});

/** The raw file content we read and write back: plain JSON with unknown fields. */
export type RawConfig = Record<string, unknown> & { mcpServers?: Record<string, unknown> | undefined };
