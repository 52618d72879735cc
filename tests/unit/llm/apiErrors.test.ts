import { describe, expect, it } from 'vitest';
import { isRetryable, retryAtFrom, toApiErrorView } from '../../../app/llm/apiErrors.ts';

const headers = (h: Record<string, string>) => new Headers(h);
const now = 1_700_000_000_000;

describe('API errors for people', () => {
  it('names each status in words a person can act on', () => {
    expect(toApiErrorView({ status: 401, headers: headers({}) }, { now })).toEqual({
      kind: 'auth',
      status: 401,
      message: 'API key rejected — check it in Settings.',
    });
    expect(toApiErrorView({ status: 403, apiMessage: 'model not allowed' }, { now })).toMatchObject({
      kind: 'permission',
      message: expect.stringContaining('model not allowed'),
    });
    expect(toApiErrorView({ status: 400, apiMessage: 'max_tokens: too big' }, { now })).toMatchObject({
      kind: 'bad-request',
      message: expect.stringContaining('max_tokens: too big'),
    });
    expect(toApiErrorView({ status: 503 }, { now })).toMatchObject({ kind: 'server', status: 503 });
    expect(toApiErrorView({ status: 529 }, { now })).toMatchObject({ kind: 'overloaded', status: 529 });
  });

  it('recognises an overloaded_error event that arrives mid-stream without a status', () => {
    const view = toApiErrorView(
      { name: 'APIError', error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
      { now, started: true },
    );
    expect(view.kind).toBe('overloaded');
    expect(isRetryable(view)).toBe(true);
  });

  it('takes the retry time from retry-after seconds, retry-after dates and retry-after-ms', () => {
    expect(toApiErrorView({ status: 429, headers: headers({ 'retry-after': '30' }) }, { now }).retryAt).toBe(now + 30_000);
    expect(retryAtFrom(headers({ 'retry-after-ms': '1500' }), now)).toBe(now + 1500);
    const date = new Date(now + 60_000).toUTCString();
    expect(retryAtFrom(headers({ 'retry-after': date }), now)).toBe(Math.floor((now + 60_000) / 1000) * 1000);
    expect(retryAtFrom(headers({}), now)).toBeUndefined();
  });

  it('tells a lost connection mid-reply from an unreachable API', () => {
    expect(toApiErrorView(new TypeError('terminated'), { now, started: true })).toMatchObject({
      kind: 'network',
      message: expect.stringContaining('dropped mid-reply'),
    });
    expect(toApiErrorView({ name: 'APIConnectionError', message: 'Connection error.' }, { now })).toMatchObject({
      kind: 'network',
      message: expect.stringContaining('Could not reach'),
    });
    expect(isRetryable({ kind: 'network', message: '' })).toBe(false);
    expect(isRetryable({ kind: 'auth', message: '' })).toBe(false);
  });
});
