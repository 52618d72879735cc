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
    title?: string;
    readOnlyHint?: boolean;
    destructiveHint?: boolean;
    idempotentHint?: boolean;
    openWorldHint?: boolean;
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

/** Whether a stdio server may start: one that did not come from the person's own form input needs approval. */
export interface LaunchView {
  approved: boolean;
  status: 'approved' | 'from-form' | 'remote' | 'never-approved' | 'changed';
  /** The exact command line, shell-quoted, never truncated. */
  commandLine: string;
  cwd?: string;
  envKeys: string[];
  /** What was approved before, when the command line changed. */
  previousCommandLine?: string;
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
}

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
}

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

export type ToolCallStatus = 'pending' | 'awaiting-approval' | 'running' | 'done' | 'error' | 'cancelled';

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
  progress?: { progress: number; total?: number; message?: string };
  result?: ToolResultView;
  /** A readable reason when status is error or cancelled. */
  error?: string;
  /** Set while awaiting approval when the person must see something first, e.g. a changed tool definition. */
  approvalReason?: string;
  /** The tool's description as the server gave it, shown in full when asking for approval. */
  toolDescription?: string;
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
