// What the turn loop needs from a model: one streamed Messages request. The SDK stays behind this.
import type { ContentBlock, Message, MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import type { ApiErrorView } from '../api/views.ts';

/** A Messages request without `stream`: the client always streams. */
export type LlmRequest = Omit<MessageCreateParamsBase, 'stream'>;

export interface StreamCallbacks {
  /** The response started (message_start arrived). */
  onStart?: () => void;
  /** A content block started; `index` is the API's block index. */
  onBlockStart?: (index: number, block: ContentBlock) => void;
  onText?: (index: number, text: string) => void;
  /** A content block is complete (tool_use input fully parsed). */
  onBlockStop?: (index: number, block: ContentBlock) => void;
}

export interface LlmClient {
  /**
   * Streams one response. Resolves with the final message; rejects with `LlmError` (the API or the
   * network failed, `started` tells whether any of the response arrived) or `LlmAbortedError`.
   */
  stream(request: LlmRequest, opts: StreamCallbacks & { signal: AbortSignal }): Promise<Message>;
}

export class LlmError extends Error {
  readonly view: ApiErrorView;
  /** True when the response had started streaming before the failure. */
  readonly started: boolean;

  constructor(view: ApiErrorView, started: boolean, options?: { cause?: unknown }) {
    super(view.message, options);
    this.name = 'LlmError';
    this.view = view;
    this.started = started;
  }
}

export class LlmAbortedError extends Error {
  constructor() {
    super('The request was stopped.');
    this.name = 'LlmAbortedError';
  }
}
