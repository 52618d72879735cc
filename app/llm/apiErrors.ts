// Errors from the Messages API (or the way to it) → ApiErrorView, written for people.
// Duck-typed on the SDK's error shape (name, status, headers, error body) so it needs no SDK runtime code.
import type { ApiErrorView } from '../api/views.ts';

interface ErrorLike {
  name?: string;
  message?: string;
  status?: number;
  headers?: { get(name: string): string | null } | undefined;
  error?: { error?: { type?: string; message?: string } } | undefined;
  type?: string | null;
  apiMessage?: string | null;
  cause?: unknown;
}

export const NO_KEY_MESSAGE = 'Add your Anthropic API key in Settings.';

export function noKeyError(): ApiErrorView {
  return { kind: 'no-key', message: NO_KEY_MESSAGE };
}

/** Whether the turn loop should try again (with backoff) after this error. */
export function isRetryable(view: ApiErrorView): boolean {
  return view.kind === 'rate-limit' || view.kind === 'overloaded' || (view.kind === 'server' && view.status !== 501);
}

/**
 * Maps anything a request can throw. `started` says whether the response was already streaming:
 * a failure without an HTTP status after that point is a lost connection.
 */
export function toApiErrorView(err: unknown, opts: { now: number; started?: boolean }): ApiErrorView {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const type = e.type ?? e.error?.error?.type ?? undefined;
  const apiMessage = e.apiMessage ?? e.error?.error?.message ?? undefined;
  const detail = apiMessage ? ` The API said: "${apiMessage}"` : '';

  if (status === 529 || type === 'overloaded_error') {
    return withStatus(
      { kind: 'overloaded', message: 'Claude is overloaded right now. Switchboard retries by itself; if it keeps failing, try again in a minute.' },
      status,
    );
  }
  if (status === 429 || type === 'rate_limit_error') {
    const view: ApiErrorView = {
      kind: 'rate-limit',
      message: 'You hit the API rate limit. Switchboard waits and retries; if it keeps happening, slow down or check your plan.',
    };
    const retryAt = retryAtFrom(e.headers, opts.now);
    if (retryAt !== undefined) view.retryAt = retryAt;
    return withStatus(view, status);
  }
  if (status === 401 || type === 'authentication_error') {
    return withStatus({ kind: 'auth', message: 'API key rejected — check it in Settings.' }, status);
  }
  if (status === 403 || type === 'permission_error') {
    return withStatus(
      { kind: 'permission', message: `Your API key is not allowed to do this (for example, use this model). Check the key and model in Settings.${detail}` },
      status,
    );
  }
  if (status !== undefined && status >= 500) {
    return { kind: 'server', status, message: `The Anthropic API had a server error (${status}). Try again in a moment.${detail}` };
  }
  if (status !== undefined && status >= 400) {
    return { kind: 'bad-request', status, message: `The API rejected the request (${status}).${detail || ` ${e.message ?? ''}`}`.trim() };
  }
  if (type === 'api_error') {
    return { kind: 'server', message: `The Anthropic API failed while answering. Try again in a moment.${detail}` };
  }
  if (e.name === 'APIConnectionTimeoutError') {
    return { kind: 'network', message: 'The Anthropic API did not answer in time. Check your network or the base URL in Settings, then retry.' };
  }
  if (e.name === 'APIConnectionError' || opts.started || isNetworkFailure(e)) {
    return {
      kind: 'network',
      message: opts.started
        ? 'The connection to the Anthropic API dropped mid-reply. The partial reply was kept; you can retry.'
        : 'Could not reach the Anthropic API. Check your network or the base URL in Settings, then retry.',
    };
  }
  return { kind: 'unknown', message: `The request to the Anthropic API failed: ${e.message ?? 'unknown error'}` };
}

function withStatus(view: ApiErrorView, status: number | undefined): ApiErrorView {
  return status !== undefined ? { ...view, status } : view;
}

function isNetworkFailure(e: ErrorLike): boolean {
  const text = `${e.message ?? ''} ${(e.cause as { message?: string; code?: string } | undefined)?.message ?? ''} ${(e.cause as { code?: string } | undefined)?.code ?? ''}`;
  return /terminated|ECONNRESET|ECONNREFUSED|EPIPE|socket|other side closed|fetch failed|network/i.test(text);
}

/** Epoch ms from `retry-after-ms`, `retry-after` (seconds or an HTTP date). */
export function retryAtFrom(headers: ErrorLike['headers'], now: number): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return now + Number(ms);
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return now + seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? date : undefined;
}
