// The zod schema of every method's params. Both edges (IPC and WebSocket) validate with these
// before the core sees a value; inside the core, values are trusted and typed.
import { z } from 'zod';
import { enterpriseIdpInput, oauthInput } from './oauthInput.ts';

const empty = z.object({}).strict();
const name = z.string().trim().min(1, 'Give the server a name.').max(64, 'Keep the server name to 64 characters or fewer.');

/**
 * An env or header value: a string; `{ keep: true }` keeps the stored one the renderer never saw;
 * `{ value, secret: true }` is a value the person marked secret (it goes to the secret store whatever its name).
 */
const secretValue = z.union([z.string(), z.object({ keep: z.literal(true) }).strict(), z.object({ value: z.string(), secret: z.literal(true) }).strict()]);

/** Which protocol era the server is spoken to in (config `protocol`); absent: stdio 2025-11-25, remote auto. */
const protocolChoice = z.enum(['auto', '2026-07-28', '2025-11-25']);

export const serverEntryInput = z.discriminatedUnion('transport', [
  z
    .object({
      transport: z.literal('stdio'),
      command: z.string().trim().min(1, 'Give the command to run, e.g. `npx` or a full path.'),
      args: z.array(z.string()).default([]),
      env: z.record(z.string().min(1), secretValue).default({}),
      cwd: z.string().optional(),
      protocol: protocolChoice.optional(),
    })
    .strict(),
  z
    .object({
      transport: z.enum(['http', 'sse', 'auto']),
      url: z.url({ protocol: /^https?$/, error: 'Give a full http(s) URL, e.g. https://example.com/mcp.' }),
      headers: z.record(z.string().min(1), secretValue).default({}),
      /** The sign-in set-up: absent keeps what config.json has, null removes it. */
      oauth: oauthInput.nullable().optional(),
      protocol: protocolChoice.optional(),
    })
    .strict(),
]);
export type ServerEntryInput = z.infer<typeof serverEntryInput>;

const serverRef = z.string().trim().min(1).max(64);
const uri = z.string().min(1).max(10_000);
const attachment = z.object({ server: serverRef, uri }).strict();
const promptArguments = z.record(z.string().max(200), z.string().max(100_000));
const mcpLogLevel = z.enum(['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency']);
const toolName = z.string().min(1).max(500);
const conversationId = z.string().min(1).max(100);
const accountId = z.string().regex(/^[a-z0-9]{1,20}$/, 'That is not an account of this server.');
const paths = z.array(z.string().min(1).max(4096)).max(100);

export const methodSchemas = {
  'host.info': empty,
  'host.newSignInLink': empty,
  'config.get': empty,

  'servers.list': empty,
  'servers.upsert': z
    .object({
      /** The current name when renaming or editing; absent when adding. */
      previousName: name.optional(),
      name,
      entry: serverEntryInput,
      disabled: z.boolean().optional(),
      toolTimeoutSeconds: z
        .number()
        .positive()
        .max(24 * 3600)
        .optional(),
    })
    .strict(),
  'servers.remove': z.object({ server: name }).strict(),
  'servers.setDisabled': z.object({ server: name, disabled: z.boolean() }).strict(),
  'servers.start': z.object({ server: name }).strict(),
  'servers.stop': z.object({ server: name }).strict(),
  'servers.restart': z.object({ server: name }).strict(),
  'servers.setToolEnabled': z.object({ server: name, tool: z.string().min(1), enabled: z.boolean() }).strict(),
  'servers.logs': z.object({ server: name }).strict(),
  'servers.import': z.object({ json: z.string().min(1).max(1_000_000) }).strict(),

  'settings.get': empty,
  'settings.update': z
    .object({
      model: z.string().trim().min(1).max(200).optional(),
      baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).optional(),
      /** A new key; null clears the stored key. */
      apiKey: z.string().trim().min(1).max(500).nullable().optional(),
      maxTokens: z.number().int().min(1).max(128_000).optional(),
      titleModel: z.string().trim().min(1).max(200).optional(),
      theme: z.enum(['system', 'light', 'dark']).optional(),
      sidebarCollapsed: z.boolean().optional(),
      /** The OAuth Client ID Metadata Document URL (https, with a path); '' clears it. */
      clientMetadataUrl: z.union([z.literal(''), z.url({ protocol: /^https$/ })]).optional(),
      /** The organization's identity provider (SEP-990); null removes it. Secrets: a string sets, null forgets, absent keeps. */
      enterpriseIdp: enterpriseIdpInput.nullable().optional(),
      toolSearch: z.enum(['auto', 'off']).optional(),
      toolSearchAfter: z.number().int().min(1).max(10_000).optional(),
      pinnedTools: z.array(z.string().min(1).max(200)).max(500).optional(),
    })
    .strict(),

  'conversations.list': empty,
  'conversations.search': z.object({ query: z.string().trim().min(1, 'Type something to search for.').max(200) }).strict(),
  'conversations.get': z.object({ id: z.string().min(1).max(100) }).strict(),
  'conversations.create': z.object({ title: z.string().max(200).optional() }).strict(),
  'conversations.rename': z.object({ id: z.string().min(1).max(100), title: z.string().trim().min(1).max(200) }).strict(),
  'conversations.delete': z.object({ id: z.string().min(1).max(100) }).strict(),

  'chat.send': z
    .object({
      conversationId: z.string().min(1).max(100),
      text: z.string().min(1).max(500_000),
      /** The person saw the tool-budget warning and chose to send every enabled tool anyway. */
      overToolBudget: z.literal('send-anyway').optional(),
      /** Resources read and sent as context with the message, in order. */
      attachments: z.array(attachment).max(20, 'Attach at most 20 resources to one message.').optional(),
    })
    .strict(),
  'chat.cancel': z.object({ conversationId: z.string().min(1).max(100) }).strict(),
  'chat.retry': z.object({ conversationId: z.string().min(1).max(100), overToolBudget: z.literal('send-anyway').optional() }).strict(),
  'tasks.list': empty,
  'tasks.cancel': z.object({ conversationId: z.string().min(1).max(100), callId: z.string().min(1).max(200) }).strict(),

  'tools.decide': z.object({ callId: z.string().min(1).max(200), decision: z.enum(['allow-once', 'allow-always', 'deny']) }).strict(),
  'approvals.list': empty,
  'grants.list': empty,
  'grants.revoke': z.object({ id: z.string().min(1).max(200) }).strict(),
  'servers.approveLaunch': z.object({ server: name, fingerprint: z.string().min(1).max(200) }).strict(),
  'servers.setTrust': z.object({ server: name, trusted: z.boolean().optional(), autoApproveReadOnly: z.boolean().optional() }).strict(),
  'servers.setSandbox': z
    .object({
      server: name,
      sandbox: z.union([
        z.literal(false),
        z
          .object({
            readable: z.array(z.string().min(1).max(4096)).max(200),
            writable: z.array(z.string().min(1).max(4096)).max(200),
            domains: z.array(z.string().min(1).max(253)).max(200),
          })
          .strict(),
      ]),
    })
    .strict(),
  /** Moves the entry's secret values still written in config.json into the secret store. */
  'servers.moveInlineSecrets': z.object({ server: name }).strict(),
  /** `account`: sign in again as that account; 'new' adds one more account beside the others. */
  'servers.signIn': z.object({ server: name, account: accountId.or(z.literal('new')).optional() }).strict(),
  'servers.signOut': z.object({ server: name, account: accountId.optional() }).strict(),
  'servers.renameAccount': z.object({ server: name, account: accountId, label: z.string().trim().min(1, 'Give the account a name.').max(80) }).strict(),
  'servers.setDefaultAccount': z.object({ server: name, account: accountId }).strict(),
  /** `account: null` goes back to the server's default account. */
  'conversations.setAccount': z.object({ conversationId, server: serverRef, account: accountId.nullable() }).strict(),
  /** Stores (or with null, forgets) the OAuth client secret or private key the server's `oauth.clientSecretRef` names. */
  'servers.setClientSecret': z.object({ server: name, value: z.string().min(1).max(20_000).nullable() }).strict(),

  /** Without `server`: every ready server that offers resources. */
  'resources.list': z.object({ server: serverRef.optional() }).strict(),
  'resources.templates': z.object({ server: serverRef.optional() }).strict(),
  'resources.expandTemplate': z.object({ uriTemplate: z.string().min(1).max(10_000), variables: z.record(z.string(), z.string().max(10_000)) }).strict(),
  'resources.read': z.object({ server: serverRef, uri }).strict(),
  'resources.subscribe': z.object({ server: serverRef, uri }).strict(),
  'resources.unsubscribe': z.object({ server: serverRef, uri }).strict(),

  /** Without `server`: every ready server that offers prompts (for slash commands). */
  'prompts.list': z.object({ server: serverRef.optional() }).strict(),
  'prompts.get': z.object({ server: serverRef, name: z.string().min(1).max(500), arguments: promptArguments.optional() }).strict(),
  'prompts.run': z
    .object({
      conversationId: z.string().min(1).max(100),
      server: serverRef,
      name: z.string().min(1).max(500),
      arguments: promptArguments.optional(),
      overToolBudget: z.literal('send-anyway').optional(),
    })
    .strict(),
  'completions.complete': z
    .object({
      server: serverRef,
      ref: z.discriminatedUnion('type', [
        z.object({ type: z.literal('ref/prompt'), name: z.string().min(1).max(500) }).strict(),
        z.object({ type: z.literal('ref/resource'), uri }).strict(),
      ]),
      argument: z.object({ name: z.string().min(1).max(200), value: z.string().max(10_000) }).strict(),
      context: z
        .object({ arguments: z.record(z.string(), z.string().max(10_000)) })
        .strict()
        .optional(),
    })
    .strict(),

  'sampling.list': empty,
  'sampling.decide': z
    .object({
      id: z.string().min(1).max(200),
      decision: z.enum(['approve', 'deny']),
      /** Changes the person made before approving. `messages`: the new text of each message, same count and order. */
      edited: z
        .object({
          messages: z.array(z.string().max(1_000_000)).max(1000).optional(),
          systemPrompt: z.string().max(1_000_000).optional(),
          maxTokens: z.number().int().min(1).max(128_000).optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
  'sampling.log': empty,
  'sampling.limits': z.object({ server: serverRef }).strict(),
  'sampling.setLimits': z.object({ server: serverRef, enabled: z.boolean().optional(), maxTokens: z.number().int().min(1).max(128_000).optional() }).strict(),

  'elicitation.list': empty,
  'elicitation.respond': z
    .object({
      id: z.string().min(1).max(200),
      action: z.enum(['accept', 'decline', 'cancel']),
      /** Form mode, with `accept`: the answers, checked against the requested schema. */
      content: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).optional(),
    })
    .strict(),

  'roots.get': empty,
  'roots.set': z.object({ global: paths, perServer: z.record(serverRef, paths) }).strict(),

  'logging.setLevel': z.object({ server: serverRef, level: mcpLogLevel }).strict(),

  /** The UI resource of a tool (MCP Apps), or none. */
  'apps.resource': z.object({ server: serverRef, tool: toolName }).strict(),
  /** An app's `tools/call` to its own server: through the approval policy, shown under the app's tool card. */
  'apps.callTool': z
    .object({
      conversationId,
      /** The tool call whose card shows the app. */
      parentCallId: z.string().min(1).max(200),
      server: serverRef,
      tool: toolName,
      arguments: z.record(z.string(), z.unknown()).default({}),
    })
    .strict(),
  /** An app's `ui/message`, after the person clicked Send: shown as from the app, labelled as the app's to Claude, and Claude answers. */
  'apps.message': z.object({ conversationId, server: serverRef, tool: toolName, text: z.string().trim().min(1).max(100_000) }).strict(),
  /** An app's `ui/update-model-context`: replaces that app's context, sent with the next message. Empty text clears it. */
  'apps.updateModelContext': z.object({ conversationId, server: serverRef, tool: toolName, text: z.string().max(100_000) }).strict(),
  'install.discover': empty,
  'install.importFound': z
    .object({
      /** One of the files `install.discover` listed. */
      path: z.string().min(1).max(4096),
      names: z.array(z.string().min(1).max(200)).min(1, 'Pick at least one server.').max(500),
      /** Answers to the file's `${input:id}` prompts. */
      inputs: z.record(z.string().max(200), z.string().max(10_000)).default({}),
    })
    .strict(),
  'install.dismissOffer': empty,
  'install.openLink': z.object({ link: z.string().trim().min(1).max(64_000) }).strict(),
  'install.links': empty,
  'install.acceptLink': z.object({ id: z.string().min(1).max(100), fingerprint: z.string().min(1).max(200) }).strict(),
  'install.dismissLink': z.object({ id: z.string().min(1).max(100) }).strict(),

  'registry.search': z.object({ search: z.string().max(200).optional(), cursor: z.string().max(2000).optional() }).strict(),
  'registry.install': z
    .object({
      /** The registry's name and version of the server, as listed. */
      server: z.string().min(1).max(300),
      version: z.string().min(1).max(100),
      /** `package:N` or `remote:N` from the listing. */
      option: z.string().regex(/^(package|remote):\d{1,3}$/),
      values: z.record(z.string().max(300), z.string().max(10_000)).default({}),
      /** The name in this app's config; default: the last part of the registry name. */
      name: name.optional(),
    })
    .strict(),
  /** The .mcpb file's bytes as base64 (at most ~12 MB: the WebSocket carries 16 MB). */
  'bundles.open': z.object({ fileName: z.string().max(500), dataBase64: z.string().min(1).max(16_000_000) }).strict(),
  'bundles.install': z.object({ id: z.string().min(1).max(100), values: z.record(z.string().max(300), z.string().max(10_000)).default({}) }).strict(),
  'bundles.dismiss': z.object({ id: z.string().min(1).max(100) }).strict(),
  'bundles.uninstall': z.object({ server: name }).strict(),
  /** Downloads a registry server's .mcpb package, checks its sha256, and opens it for review. */
  'registry.openBundle': z
    .object({ server: z.string().min(1).max(300), version: z.string().min(1).max(100), option: z.string().regex(/^package:\d{1,3}$/) })
    .strict(),
  /** The registry searched and installed from, shown before any search. */
  'registry.url': z.object({}).strict(),
  /** '' goes back to the official registry. */
  'registry.setUrl': z
    .object({
      url: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: "Give the registry's full http(s) URL, e.g. https://registry.example.com." })]),
    })
    .strict(),
} as const;

export type MethodSchemas = typeof methodSchemas;
export type MethodParams<M extends keyof MethodSchemas> = z.input<MethodSchemas[M]>;
export type ParsedParams<M extends keyof MethodSchemas> = z.output<MethodSchemas[M]>;
