// Conversations and what a turn streams: messages, usage, model errors and chat events.
// Plain data that crosses the contract: everything here must survive JSON.stringify.
import type { AppOriginView } from './apps.ts';
import type { ToolCallView } from './tools.ts';

export interface UsageView {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
}

export type ApiErrorKind = 'no-key' | 'auth' | 'permission' | 'rate-limit' | 'overloaded' | 'network' | 'bad-request' | 'server' | 'unknown';

export interface ApiErrorView {
  kind: ApiErrorKind;
  /** For a person: what happened and what to do. */
  message: string;
  status?: number;
  /** Epoch ms when a retry makes sense (rate limits). */
  retryAt?: number;
}

/** A tool search Claude ran inside a reply (the server-side tool search tool), and the tools it loaded. */
export interface ToolSearchView {
  query: string;
  found: { apiName: string; server: string; toolName: string }[];
  /** The search failed (the API's words). */
  error?: string;
}

/** What tools a reply's request carried: loaded with their definitions, or deferred behind tool search. */
export interface RequestToolsView {
  loaded: number;
  available: number;
  /** True when the rest went deferred, for Claude to find with tool search. */
  deferred: boolean;
  /** Servers still starting when the request went out; their tools join a later request. */
  starting?: string[];
  searches?: ToolSearchView[];
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
      /** The tools this reply's request carried and the tool searches in it. */
      tools?: RequestToolsView;
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
  /** The account chosen for a remote server in this conversation (server name → account id); others use the server's default. */
  accounts?: Record<string, string>;
}

/** How a turn ended: the one list the turn loop, the events and the store share. */
export type TurnOutcome = 'complete' | 'cancelled' | 'error' | 'max-iterations';

/** Streamed as `chat.event`: everything a turn does, in order. */
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
