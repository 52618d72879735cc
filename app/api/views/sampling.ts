// MCP sampling: a server's sampling/createMessage requests, the person's decisions, the log and limits.
// Plain data that crosses the contract: everything here must survive JSON.stringify.
import type { UsageView } from './chat.ts';

export type SamplingContentView = { kind: 'text'; text: string } | { kind: 'image'; mimeType: string; data: string } | { kind: 'audio'; mimeType: string };

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
