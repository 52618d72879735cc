// A server's tools and the calls made to them: definitions, results, decisions, wire traffic and the tool budget.
// Plain data that crosses the contract: everything here must survive JSON.stringify.
import type { ApprovalDecision } from './approvals.ts';

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
  server: string;
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
  /** The label of the signed-in account the call ran as, when its server has accounts. */
  account?: string;
  /** The tool search (its query) that loaded this deferred tool before Claude called it. */
  foundBy?: string;
  /** Finished tool calls the MCP App in this card made (not Claude), saved for after a reload. */
  appCalls?: ToolCallView[];
  /** Set when the call runs as an MCP task: its id (saved, so polling resumes after a restart), status and life. */
  task?: ToolTaskView;
}

/** A task's status as the server reports it, or `lost`: the server no longer knows it (expired, restarted, crashed). */
export type TaskStatusView = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled' | 'lost';

/** One step in a task's life, for the call's timeline. */
export interface TaskEventView {
  at: number;
  kind: 'created' | 'status' | 'input' | 'result' | 'cancel' | 'lost' | 'resumed';
  status?: TaskStatusView;
  message?: string;
}

/** A tool call that runs as an MCP task (2025-11-25 experimental tasks, or the 2026-07-28 Tasks extension). */
export interface ToolTaskView {
  taskId: string;
  era: '2025-11-25' | '2026-07-28';
  status: TaskStatusView;
  statusMessage?: string;
  /** Epoch ms, as the server stamped them. */
  createdAt: number;
  lastUpdatedAt: number;
  /** How long the server keeps the task from its creation; absent: unlimited. */
  ttlMs?: number;
  pollIntervalMs?: number;
  events: TaskEventView[];
}

/** One task in the Tasks view: where it runs and where its result goes. */
export interface TaskListItemView {
  conversationId: string;
  conversationTitle: string;
  callId: string;
  server: string;
  toolName: string;
  task: ToolTaskView;
}

export interface ToolBudgetView {
  enabledTools: number;
  estimatedTokens: number;
  maxTools: number;
  maxTokens: number;
  /** Past the budget and tool search cannot take over: sending asks the person first. */
  over: boolean;
  /** Past the tool-search threshold: tools go deferred and Claude finds them with tool search. */
  deferred: boolean;
  /** Tools sent with their definitions on a new conversation's first request (all, or the pinned ones when deferred). */
  loadedTools: number;
  /** Tool search is on in Settings, and the threshold (enabled tools) past which it is used. */
  toolSearch: { on: boolean; afterTools: number };
  /** Why tool search is not used although it is on: the API at the base URL refused it. */
  toolSearchProblem?: string;
}
