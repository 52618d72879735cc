// Why a tool call failed, for a person and for code (`reason`).
import { ProtocolError, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { assertNever } from '../api/errors.ts';
import type { ConnectionState } from '../api/views.ts';
import type { StopSignal } from '../base/callStop.ts';
import { seconds } from './describeFailure.ts';

/** `needs-sign-in`: the server asked for a sign-in (an expired one, or a step-up); the connection now waits for it. */
export type ToolCallFailure = 'not-ready' | 'timeout' | 'cancelled' | 'closed' | 'server-error' | 'failed' | 'needs-sign-in';

export class ToolCallError extends Error {
  constructor(
    readonly reason: ToolCallFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ToolCallError';
  }
}

function stateInWords(state: ConnectionState): string {
  switch (state.kind) {
    case 'stopped':
      return state.reason === 'disabled' ? 'it is disabled' : 'it is stopped';
    case 'starting':
      return 'it is still starting';
    case 'ready':
      return 'it is ready';
    case 'reconnecting':
      return `it lost its connection and Switchboard is reconnecting: ${state.reason}`;
    case 'error':
      return `it failed: ${state.message}`;
    case 'needs-sign-in':
      return `it needs you to sign in to ${state.authorizationHost}`;
    default:
      return assertNever(state);
  }
}

export function notReady(server: string, tool: string, state: ConnectionState): ToolCallError {
  if (state.kind === 'reconnecting') {
    return new ToolCallError(
      'not-ready',
      `\`${server}\` lost its connection, so \`${tool}\` cannot run now: ${state.reason} Switchboard is reconnecting; try again in a moment.`,
    );
  }
  return new ToolCallError('not-ready', `\`${server}\` is not ready (${stateInWords(state)}), so \`${tool}\` cannot run.`);
}

/** A remote server that could not be reached during the call; the state already says why and what happens next. */
export function unreachable(server: string, tool: string, error: unknown, state: ConnectionState): ToolCallError {
  const why =
    state.kind === 'reconnecting'
      ? `${state.reason} Switchboard is reconnecting; try again in a moment.`
      : state.kind === 'error'
        ? state.message
        : 'the server could not be reached.';
  return new ToolCallError('closed', `\`${tool}\` on \`${server}\` did not run: ${why}`, { cause: error });
}

export function callFailed(
  server: string,
  tool: string,
  error: unknown,
  opts: { signal?: StopSignal | undefined; timeoutMs: number; maxTotalTimeoutMs?: number | undefined },
  state: ConnectionState,
): ToolCallError {
  const call = `\`${tool}\` on \`${server}\``;
  const make = (reason: ToolCallFailure, message: string) => new ToolCallError(reason, message, { cause: error });
  if (opts.signal?.aborted) return make('cancelled', `${call} was cancelled.`);
  if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
    if (/maximum total timeout/i.test(error.message) && opts.maxTotalTimeoutMs !== undefined) {
      return make('timeout', `${call} did not finish within the maximum of ${seconds(opts.maxTotalTimeoutMs)}; Switchboard cancelled it.`);
    }
    return make('timeout', `${call} did not answer within ${seconds(opts.timeoutMs)}; Switchboard cancelled it.`);
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed) {
    return make('closed', state.kind === 'error' ? `${call} did not finish: ${state.message}` : `${call} did not finish: the server was stopped.`);
  }
  if (error instanceof ProtocolError) return make('server-error', `${call} returned an error: ${error.message.replace(/^MCP error -?\d+: /, '')}`);
  return make('failed', `${call} failed: ${error instanceof Error ? error.message : String(error)}`);
}
