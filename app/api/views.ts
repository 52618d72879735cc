// Plain data that crosses the contract. Everything here must survive JSON.stringify.

export type TransportKind = 'stdio' | 'http' | 'sse';

/** A server's lifecycle. Every switch over `kind` ends in assertNever. */
export type ConnectionState =
  | { kind: 'stopped'; reason?: string }
  | { kind: 'starting'; since: number; attempt: number }
  | {
      kind: 'ready';
      since: number;
      transport: TransportKind;
      serverName: string;
      serverVersion: string;
      protocolVersion?: string;
      instructions?: string;
    }
  | {
      /** A remote server that was ready and went away: Switchboard keeps trying until it is back or stopped. */
      kind: 'reconnecting';
      /** One sentence for a person: why the last attempt failed (or why the connection was lost). */
      reason: string;
      /** Epoch ms when the connection was lost. */
      since: number;
      attempt: number;
      /** Epoch ms of the next attempt; absent while an attempt is under way. */
      retryAt?: number;
    }
  | {
      kind: 'error';
      /** One sentence for a person: what failed and what to do. */
      message: string;
      exitCode?: number | null;
      signal?: string | null;
      httpStatus?: number;
      /** The last lines the server wrote to stderr (or an HTTP body excerpt). */
      stderrTail: string[];
      /** True when the server answered 401/403: it needs credentials. */
      needsAuth?: boolean;
      /** Epoch ms of the next automatic restart, if one is scheduled. */
      retryAt?: number;
      attempt: number;
      since: number;
    }
  | {
      kind: 'needs-sign-in';
      /** The authorization server's host, shown before anything is opened ("Sign in to <host>"). */
      authorizationHost: string;
      /** One sentence for a person: why sign-in is needed (first time, expired, more access asked). */
      message: string;
      since: number;
    };

export type ConnectionStateKind = ConnectionState['kind'];

export interface ToolView {
  /** The tool's own name, as the server spells it. Shown to people. */
  name: string;
  /** The name the model sees: `server__tool`, API-safe and unique. Empty when the tool is skipped. */
  apiName: string;
  title?: string;
  description: string;
  inputSchema: unknown;
  outputSchema?: unknown;
  annotations?: {
    title?: string | undefined;
    readOnlyHint?: boolean | undefined;
    destructiveHint?: boolean | undefined;
    idempotentHint?: boolean | undefined;
    openWorldHint?: boolean | undefined;
  };
  enabled: boolean;
  /** Why the tool cannot be offered to the model (e.g. a malformed schema). */
  skippedReason?: string;
}

/** A server entry as the renderer may see it: secret values never leave the core. */
export type ServerEntryView =
  | {
      transport: 'stdio';
      command: string;
      args: string[];
      /** Keys only; values are secret and stay in the core. */
      envKeys: string[];
      cwd?: string;
    }
  | {
      transport: 'http' | 'sse' | 'auto';
      url: string;
      /** Header names only; values are secret and stay in the core. */
      headerKeys: string[];
    };

/** How much the person lets this server run without asking. Both off by default. */
export interface TrustView {
  /** Trust and auto-approve: every tool runs without asking. */
  trusted: boolean;
  /** Tools marked `readOnlyHint` run without asking (the hint is the server's claim; the person chose to believe it). */
  autoApproveReadOnly: boolean;
}

/** One env var of a launch as the approval dialog shows it. */
export interface LaunchEnvView {
  name: string;
  /** The value, shown in full; absent for a secret (its value is masked but still part of the fingerprint). */
  value?: string;
  secret: boolean;
  /** The name changes what a launcher executes (NODE_OPTIONS, npm_config_*, LD_PRELOAD, PATH, proxies, …). */
  flagged: boolean;
}

/** One difference between the approved launch definition and the current one. */
export interface LaunchChangeView {
  /** What changed, as a person reads it: "Command line", "Folder", "URL", "env NODE_OPTIONS", "header X-Api-Key". */
  field: string;
  change: 'added' | 'removed' | 'changed';
  /** Before and now as shown; a secret shows as a named mask (`‹secret NAME›`). */
  before?: string;
  now?: string;
}

/**
 * Whether a server may start or be contacted: one that did not come from the person's own form input
 * waits until they approve exactly this definition (its `fingerprint`).
 */
export interface LaunchView {
  approved: boolean;
  status: 'approved' | 'from-form' | 'never-approved' | 'changed';
  /** The fingerprint of exactly what is shown here; `servers.approveLaunch` must carry it back. */
  fingerprint: string;
  target: 'command' | 'url';
  /** The exact command line, shell-quoted, never truncated; or the URL of a remote server. */
  commandLine: string;
  cwd?: string;
  /** Every env var the server gets (stdio), sorted by name. */
  env: LaunchEnvView[];
  /** The header names sent to a remote server (values are secret). */
  headerNames: string[];
  /** What differs from the definition approved before (status `changed`). */
  changes?: LaunchChangeView[];
}

export interface ServerView {
  /** The key in `mcpServers`. Unique. */
  name: string;
  entry: ServerEntryView;
  disabled: boolean;
  trust: TrustView;
  launch: LaunchView;
  toolTimeoutSeconds?: number;
  state: ConnectionState;
  tools: ToolView[];
  /** Problems with this server's config entry, with JSON paths. */
  issues: ConfigIssue[];
  /** What the server said it supports in its initialize result; present while ready. */
  capabilities?: ServerCapabilitiesView;
  /** The `logging/setLevel` the person chose for this server, re-sent after every reconnect. */
  logLevel?: McpLogLevel;
  /** OAuth sign-in of a remote server; absent for stdio servers and servers that never asked. Never carries tokens. */
  auth?: AuthView;
  /** Where it was installed from, when not the form or a paste: for a person, e.g. "the MCP Registry (io.github.user/weather 1.0.0)". */
  origin?: string;
}

/** What a person may know about a remote server's OAuth sign-in. */
export interface AuthView {
  signedIn: boolean;
  /** The authorization server's host. */
  authorizationHost?: string;
  /** Who the tokens belong to, where the ID token or a JWT access token says (email, username or subject). */
  account?: string;
  scopes?: string[];
  grant: 'authorization_code' | 'client_credentials';
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

export interface ConfigIssue {
  /** JSON path, e.g. `mcpServers.github.args[1]`. */
  path: string;
  message: string;
}

export interface ConfigView {
  path: string;
  /** Problems with the file as a whole (unparseable JSON, wrong top-level shape). */
  fileError?: string;
  issues: ConfigIssue[];
}

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error';

export interface LogLine {
  at: number;
  level: LogLevel;
  /** stderr from the process, protocol traffic, or the host's own notes about this server. */
  source: 'stderr' | 'stdout' | 'protocol' | 'host' | 'server';
  text: string;
}

export type ApiKeySource = 'settings' | 'env' | 'none';

export interface SettingsView {
  model: string;
  /** Empty means the SDK default (or ANTHROPIC_BASE_URL). */
  baseUrl: string;
  effectiveBaseUrl: string;
  apiKeySet: boolean;
  apiKeySource: ApiKeySource;
  models: string[];
  maxTokens: number;
  /** The small model that writes a conversation's short title after its first answer. */
  titleModel: string;
  theme: ThemeChoice;
  sidebarCollapsed: boolean;
  /** The OAuth Client ID Metadata Document URL offered to servers that support it; '' = none. */
  clientMetadataUrl?: string;
}

export type ThemeChoice = 'system' | 'light' | 'dark';

// ---- Conversations ---------------------------------------------------------

export interface UsageView {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
}

export type ApiErrorKind =
  | 'no-key'
  | 'auth'
  | 'permission'
  | 'rate-limit'
  | 'overloaded'
  | 'network'
  | 'bad-request'
  | 'server'
  | 'unknown';

export interface ApiErrorView {
  kind: ApiErrorKind;
  /** For a person: what happened and what to do. */
  message: string;
  status?: number;
  /** Epoch ms when a retry makes sense (rate limits). */
  retryAt?: number;
}

export type ResultContentView =
  | { kind: 'text'; text: string }
  | { kind: 'image'; mimeType: string; data: string }
  | { kind: 'audio'; mimeType: string }
  | { kind: 'resource-link'; uri: string; name?: string; mimeType?: string; description?: string }
  | { kind: 'resource'; uri: string; mimeType?: string; text?: string; blobBytes?: number };

export interface ToolResultView {
  isError: boolean;
  content: ResultContentView[];
  structuredContent?: unknown;
  /** Set when the result was cut before it reached the model or the UI. */
  truncated?: { originalChars: number; keptChars: number };
}

export type ToolCallStatus = 'pending' | 'awaiting-approval' | 'running' | 'done' | 'error' | 'denied' | 'cancelled';

/** Who let a tool call run (or not), how, and when. */
export type ToolDecisionView =
  /** The person was asked and answered. */
  | { kind: 'person'; choice: ApprovalDecision; askedAt: number; decidedAt: number }
  /** A rule allowed it without asking: an "always allow" grant, a trusted server, or the read-only rule. */
  | { kind: 'rule'; rule: 'granted' | 'trusted-server' | 'read-only-trusted'; at: number }
  /** Switchboard refused it without asking (e.g. the server is no longer configured). */
  | { kind: 'refused'; reason: string; at: number };

/** One JSON-RPC message of a tool call as it crossed the wire, secrets masked and long strings shortened. */
export interface WireMessageView {
  direction: 'sent' | 'received';
  at: number;
  /** The JSON-RPC method, or "response" / "error" for a reply. */
  label: string;
  /** The message as indented JSON. */
  json: string;
}

/** What a tool result cost in the request to Claude. */
export interface ToolResultSizeView {
  /** UTF-8 bytes of the tool_result content sent to Claude. */
  bytes: number;
  /** A rough token count (about 4 characters a token; an image as 1,600). */
  approxTokens: number;
}

export interface ToolCallView {
  /** The tool_use id. */
  id: string;
  apiName: string;
  /** Server and tool as people know them; empty server when the name did not resolve. */
  serverName: string;
  toolName: string;
  input: unknown;
  status: ToolCallStatus;
  startedAt?: number;
  durationMs?: number;
  progress?: { progress: number; total?: number | undefined; message?: string | undefined };
  result?: ToolResultView;
  /** A readable reason when status is error or cancelled. */
  error?: string;
  /** Set while awaiting approval when the person must see something first, e.g. a changed tool definition. */
  approvalReason?: string;
  /** The tool's description as the server gave it, shown in full when asking for approval. */
  toolDescription?: string;
  /** Who decided, how and when; absent for calls that never reached the approval step. */
  decision?: ToolDecisionView;
  /** Milliseconds spent waiting for the person to decide (the running time is `durationMs`). */
  waitedMs?: number;
  /** The size of the result Claude was sent. */
  sent?: ToolResultSizeView;
  /** The JSON-RPC request, response and notifications (progress, log) of this call. */
  wire?: WireMessageView[];
  /** Finished tool calls the MCP App in this card made (not Claude), saved for after a reload. */
  appCalls?: ToolCallView[];
}

export type ApprovalDecision = 'allow-once' | 'allow-always' | 'deny';

export interface PendingApprovalView {
  /** The tool_use id: pass it to `tools.decide`. */
  id: string;
  conversationId: string;
  serverName: string;
  toolName: string;
  input: unknown;
  toolDescription: string;
  reason?: string;
  requestedAt: number;
}

/** An "always allow" grant: keyed to the server's identity, the tool's name and its exact definition. */
export interface GrantView {
  id: string;
  serverName: string;
  toolName: string;
  toolDescription: string;
  grantedAt: number;
}

export type AssistantBlockView = { kind: 'text'; text: string } | { kind: 'tool'; call: ToolCallView };

export type AssistantStatus = 'streaming' | 'complete' | 'interrupted' | 'cancelled' | 'error';

export type MessageView =
  | {
      role: 'user';
      id: string;
      createdAt: number;
      text: string;
      /** Resources read and sent to the model with this message. */
      attachments?: AttachmentView[];
      /** Set when the message came from an MCP prompt. */
      prompt?: PromptOriginView;
      /** Set when an MCP App sent this message (`ui/message`), not the person's typing. */
      app?: AppOriginView;
    }
  | {
      role: 'assistant';
      id: string;
      createdAt: number;
      model: string;
      status: AssistantStatus;
      blocks: AssistantBlockView[];
      stopReason?: string;
      usage?: UsageView;
      error?: ApiErrorView;
      /** Set when the message came from an MCP prompt (no model wrote it). */
      prompt?: PromptOriginView;
    };

export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messageCount: number;
}

/** One conversation found by `conversations.search`; `snippet` is a piece of a message that matched. */
export interface ConversationSearchHit {
  id: string;
  title: string;
  updatedAt: number;
  /** True when the title itself contains the words. */
  inTitle: boolean;
  snippet?: string;
}

export interface ConversationView extends ConversationSummary {
  messages: MessageView[];
  /** True while a turn runs for this conversation. */
  busy: boolean;
}

/** Streamed as `chat.event`: everything a turn does, in order. */
/** How a turn ended: the one list the turn loop, the events and the store share. */
export type TurnOutcome = 'complete' | 'cancelled' | 'error' | 'max-iterations';

export type ChatEvent =
  | { type: 'turn.started'; conversationId: string; turnId: string; userMessage?: MessageView }
  | { type: 'message.started'; conversationId: string; message: MessageView }
  | { type: 'text.delta'; conversationId: string; messageId: string; blockIndex: number; text: string }
  | { type: 'tool.updated'; conversationId: string; messageId: string; call: ToolCallView }
  | { type: 'message.finished'; conversationId: string; message: MessageView }
  | { type: 'turn.retrying'; conversationId: string; turnId: string; attempt: number; retryAt: number; reason: string }
  | {
      type: 'turn.finished';
      conversationId: string;
      turnId: string;
      outcome: TurnOutcome;
      error?: ApiErrorView;
      usage?: UsageView;
    };

/** One step of a list of requests waiting on the person: applied in order, it rebuilds the list. */
export type PendingChange<V> = { kind: 'added'; request: V } | { kind: 'removed'; id: string };

export interface NoticeView {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  at: number;
}

export interface ToolBudgetView {
  enabledTools: number;
  estimatedTokens: number;
  maxTools: number;
  maxTokens: number;
  over: boolean;
}

export interface HostInfo {
  version: string;
  mode: 'electron' | 'web' | 'test';
  dataDir: string;
  configPath: string;
  /** Things the person should know that happened outside any request, e.g. a damaged file set aside. */
  notices: NoticeView[];
  toolBudget: ToolBudgetView;
  /** Where MCP Apps render: the sandbox-proxy page on an origin that is not the host page's. Absent: apps show as plain results. */
  appSandbox?: { url: string };
}

// ---- MCP Apps (io.modelcontextprotocol/ui): a tool's ui:// HTML, rendered in a sandboxed frame ----

/** Network origins an app's resource declared (`_meta.ui.csp`); only https/wss origins are kept. */
export interface AppCspView {
  connectDomains: string[];
  resourceDomains: string[];
  frameDomains: string[];
  baseUriDomains: string[];
}

/** A tool's UI resource, ready for the sandbox: `html` already carries its Content-Security-Policy. */
export interface AppResourceView {
  server: string;
  /** The tool's own name. */
  tool: string;
  uri: string;
  html: string;
  csp: AppCspView;
  /** The resource asked for a visible border and background (`_meta.ui.prefersBorder`). */
  prefersBorder?: boolean;
}

/** A tools/call result as the app receives it (MCP's CallToolResult, JSON only). */
export interface AppToolResult {
  content: unknown[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

// ---- The MCP client protocol: resources, prompts, completions, sampling, elicitation, roots, logging ----

/** The eight syslog levels of MCP's `logging/setLevel` and `notifications/message`. */
export type McpLogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'critical' | 'alert' | 'emergency';

/** From the server's initialize result: which screens make sense for it. */
export interface ServerCapabilitiesView {
  tools: boolean;
  resources: boolean;
  /** `resources.subscribe` works. */
  resourceSubscribe: boolean;
  prompts: boolean;
  /** `logging.setLevel` works. */
  logging: boolean;
  /** `completions.complete` returns suggestions. */
  completions: boolean;
}

/** A resource sent to the model with a user message. */
export interface AttachmentView {
  server: string;
  uri: string;
  name?: string;
  mimeType?: string;
}

/** The MCP App (its server and tool) that sent a message. */
export interface AppOriginView {
  server: string;
  tool: string;
}

export interface PromptOriginView {
  server: string;
  name: string;
}

export interface ResourceView {
  server: string;
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
  /** The person subscribed to updates of this resource. */
  subscribed: boolean;
}

export interface ResourceTemplateView {
  server: string;
  /** RFC 6570, e.g. `demo://resource/dynamic/text/{resourceId}`. Fill it with `resources.expandTemplate`. */
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  /** The template's variable names, in order: one input each (suggestions from `completions.complete`). */
  variables: string[];
}

export type ResourceContentView =
  | { kind: 'text'; uri: string; mimeType?: string; text: string; truncated?: { originalChars: number; keptChars: number } }
  /** `data` (base64) is present for images and small blobs, so the UI can preview them. */
  | { kind: 'blob'; uri: string; mimeType?: string; bytes: number; data?: string };

export interface ResourceReadView {
  server: string;
  uri: string;
  contents: ResourceContentView[];
}

export interface PromptArgumentView {
  name: string;
  title?: string;
  description?: string;
  required: boolean;
}

export interface PromptView {
  server: string;
  name: string;
  title?: string;
  description?: string;
  arguments: PromptArgumentView[];
}

export interface PromptMessageView {
  role: 'user' | 'assistant';
  content: ResultContentView;
}

export interface PromptResultView {
  server: string;
  name: string;
  description?: string;
  messages: PromptMessageView[];
}

export type CompletionRefView = { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string };

export interface CompletionView {
  values: string[];
  total?: number;
  hasMore: boolean;
}

export type SamplingContentView =
  | { kind: 'text'; text: string }
  | { kind: 'image'; mimeType: string; data: string }
  | { kind: 'audio'; mimeType: string };

export interface SamplingMessageView {
  role: 'user' | 'assistant';
  content: SamplingContentView[];
}

export interface ModelPreferencesView {
  hints: string[];
  costPriority?: number;
  speedPriority?: number;
  intelligencePriority?: number;
}

/** A server's `sampling/createMessage` waiting for the person: approve, edit or deny with `sampling.decide`. */
export interface SamplingRequestView {
  id: string;
  server: string;
  requestedAt: number;
  messages: SamplingMessageView[];
  systemPrompt?: string;
  /** What will be sent: the server's maxTokens, clamped to this server's cap. */
  maxTokens: number;
  /** What the server asked for (larger than `maxTokens` when clamped). */
  requestedMaxTokens: number;
  temperature?: number;
  stopSequences?: string[];
  modelPreferences?: ModelPreferencesView;
  /** The server asked for context Switchboard does not share (`thisServer`/`allServers`); none is added. */
  includeContext?: string;
  /** The configured Claude model the request runs on. */
  model: string;
}

export type SamplingDecision = 'approve' | 'deny';

export type SamplingOutcome =
  /** Approved as asked, or after the person edited it. */
  | 'approved'
  | 'edited'
  | 'denied'
  /** Refused without asking: sampling is off for this server, or the request was malformed. */
  | 'refused'
  /** Approved, but the model request failed. */
  | 'failed'
  /** The server cancelled it, or disconnected, before the person decided. */
  | 'cancelled';

export interface SamplingLogEntry {
  id: string;
  server: string;
  requestedAt: number;
  finishedAt: number;
  outcome: SamplingOutcome;
  messages: SamplingMessageView[];
  systemPrompt?: string;
  maxTokens: number;
  model?: string;
  stopReason?: string;
  /** The model's answer, as returned to the server. */
  responseText?: string;
  error?: string;
  usage?: UsageView;
}

export interface SamplingLimitsView {
  server: string;
  /** Off: every request from this server is refused without asking. On (default): the person is asked each time. */
  enabled: boolean;
  /** Requests asking for more are clamped to this. */
  maxTokens: number;
}

export type ElicitationView =
  | {
      id: string;
      server: string;
      requestedAt: number;
      mode: 'form';
      message: string;
      /** The server's flat JSON Schema (string/number/integer/boolean/enum properties). */
      requestedSchema: unknown;
      /** The schema's defaults (SEP-1034): prefill the form with these. */
      defaults: Record<string, unknown>;
    }
  | {
      id: string;
      server: string;
      requestedAt: number;
      mode: 'url';
      message: string;
      /** The full URL, never fetched by the core: open it only if the person consents. */
      url: string;
      /** The URL's host, to show prominently. */
      host: string;
      elicitationId: string;
    };

export type ElicitationAction = 'accept' | 'decline' | 'cancel';

/** Folders servers may work in, sent as `file://` roots: global ones go to every server. */
export interface RootsView {
  global: string[];
  perServer: Record<string, string[]>;
}
