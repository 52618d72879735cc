// The one file that loads @anthropic-ai/sdk at run time: LlmClient over `client.messages.stream`.
import Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import type { Logger } from '../base/logger.ts';
import { noKeyError, toApiErrorView } from './apiErrors.ts';
import { LlmAbortedError, LlmError, type LlmClient } from './llmClient.ts';

export const DEFAULT_BASE_URL = 'https://api.anthropic.com';

export interface AnthropicClientOptions {
  /** Resolved by the host: settings first, then ANTHROPIC_API_KEY. Empty → every request fails with 'no-key'. */
  apiKey: string | undefined;
  /** Resolved by the host: settings first, then ANTHROPIC_BASE_URL. Empty → the public API. */
  baseUrl?: string | undefined;
  /**
   * Retries the SDK makes by itself before a stream starts (429, 5xx, connection errors), invisible to
   * the person. Default 0: the turn loop retries instead, honouring retry-after and emitting turn.retrying.
   */
  maxRetries?: number;
  /** Per-request timeout in ms (default: the SDK's 10 minutes). */
  timeoutMs?: number;
  logger?: Logger;
  now?: () => number;
}

export function createAnthropicClient(opts: AnthropicClientOptions): LlmClient {
  const now = opts.now ?? Date.now;
  const client = opts.apiKey
    ? new Anthropic({
        apiKey: opts.apiKey,
        baseURL: opts.baseUrl || DEFAULT_BASE_URL,
        maxRetries: opts.maxRetries ?? 0,
        ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
        ...(opts.logger ? { logger: sdkLogger(opts.logger), logLevel: 'warn' as const } : { logLevel: 'off' as const }),
      })
    : undefined;

  return {
    async stream(request, { signal, onStart, onBlockStart, onText, onBlockStop }): Promise<Message> {
      if (!client) throw new LlmError(noKeyError(), false);
      if (signal.aborted) throw new LlmAbortedError();
      let started = false;
      const stream = client.messages.stream(request as MessageCreateParamsBase, { signal });
      stream.on('streamEvent', (event, snapshot) => {
        switch (event.type) {
          case 'message_start':
            started = true;
            onStart?.();
            break;
          case 'content_block_start':
            onBlockStart?.(event.index, snapshot.content[event.index]!);
            break;
          case 'content_block_delta':
            if (event.delta.type === 'text_delta') onText?.(event.index, event.delta.text);
            break;
          case 'content_block_stop':
            onBlockStop?.(event.index, plain(snapshot.content[event.index]!));
            break;
          default:
            break;
        }
      });
      try {
        return plain(await stream.finalMessage());
      } catch (err) {
        if (signal.aborted || err instanceof Anthropic.APIUserAbortError) throw new LlmAbortedError();
        throw new LlmError(toApiErrorView(err, { now: now(), started }), started, { cause: err });
      }
    },
  };
}

/** The SDK's blocks carry lazy getters and hidden buffers; the transcript wants plain JSON. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function sdkLogger(logger: Logger) {
  const fmt = (message: string, rest: unknown[]) => (rest.length ? { details: rest.map(String).join(' ') } : undefined);
  return {
    error: (m: string, ...rest: unknown[]) => logger.error(m, fmt(m, rest)),
    warn: (m: string, ...rest: unknown[]) => logger.warn(m, fmt(m, rest)),
    info: (m: string, ...rest: unknown[]) => logger.info(m, fmt(m, rest)),
    debug: (m: string, ...rest: unknown[]) => logger.debug(m, fmt(m, rest)),
  };
}
