// What the fake Messages API can be scripted to answer, and small builders for it.

export type FakeBlock =
  | { type: 'text'; text: string }
  /** `rawJson` streams exactly that (possibly incomplete) JSON as the tool input; `after` holds the block back until it settles. */
  | { type: 'tool_use'; name: string; input?: unknown; id?: string; rawJson?: string; after?: Promise<unknown> }
  /** The model runs the server-side tool search; the fake turns this into the two blocks below (fakeAnthropicToolSearch.ts). */
  | { type: 'tool_search'; query: string }
  | { type: 'server_tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_search_tool_result'; tool_use_id: string; tool_names: string[] };

export type FakeStopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'pause_turn';

export type FakeReply =
  | { kind: 'message'; content: FakeBlock[]; stopReason?: FakeStopReason }
  | { kind: 'error'; status: number; type: string; message: string; headers?: Record<string, string> }
  /** Streams `content` (the last block left open), then an SSE `event: error`. */
  | { kind: 'stream-error'; content: FakeBlock[]; errorType: string; message: string }
  /** Streams `content` (the last block left open), then destroys the connection. */
  | { kind: 'drop'; content: FakeBlock[] }
  /** Streams `content` (the last block left open), then waits until the client goes away. */
  | { kind: 'stall'; content: FakeBlock[] };

export const reply = {
  text: (text: string): FakeReply => ({ kind: 'message', content: [{ type: 'text', text }], stopReason: 'end_turn' }),
  /** `after`: the tool_use block streams only once this settles (the text before it streams at once). */
  toolUse: (name: string, input: unknown, opts: { text?: string; id?: string; after?: Promise<unknown> } = {}): FakeReply => ({
    kind: 'message',
    content: [
      ...(opts.text ? [{ type: 'text' as const, text: opts.text }] : []),
      { type: 'tool_use', name, input, ...(opts.id ? { id: opts.id } : {}), ...(opts.after ? { after: opts.after } : {}) },
    ],
    stopReason: 'tool_use',
  }),
  toolUses: (calls: { name: string; input: unknown }[], text?: string): FakeReply => ({
    kind: 'message',
    content: [...(text ? [{ type: 'text' as const, text }] : []), ...calls.map((c) => ({ type: 'tool_use' as const, ...c }))],
    stopReason: 'tool_use',
  }),
  /** Claude searches the deferred tools for `query`, then calls `name` (which the search must find). */
  searchThenCall: (query: string, name: string, input: unknown, text?: string): FakeReply => ({
    kind: 'message',
    content: [{ type: 'tool_search', query }, ...(text ? [{ type: 'text' as const, text }] : []), { type: 'tool_use', name, input }],
    stopReason: 'tool_use',
  }),
  message: (content: FakeBlock[], stopReason: FakeStopReason = 'end_turn'): FakeReply => ({ kind: 'message', content, stopReason }),
  /** Text, then a tool_use whose input JSON stops halfway: stop_reason max_tokens. */
  maxTokensCut: (text: string, name: string, rawJson = '{"message": "hal'): FakeReply => ({
    kind: 'message',
    content: [
      { type: 'text', text },
      { type: 'tool_use', name, rawJson },
    ],
    stopReason: 'max_tokens',
  }),
  error: (status: number, message: string, opts: { type?: string; headers?: Record<string, string> } = {}): FakeReply => ({
    kind: 'error',
    status,
    type: opts.type ?? errorTypeFor(status),
    message,
    ...(opts.headers ? { headers: opts.headers } : {}),
  }),
  rateLimited: (retryAfterSeconds = 1): FakeReply =>
    reply.error(429, 'Number of request tokens has exceeded your per-minute rate limit.', { headers: { 'retry-after': String(retryAfterSeconds) } }),
  overloaded: (): FakeReply => reply.error(529, 'Overloaded', { type: 'overloaded_error' }),
  streamOverloaded: (partialText: string): FakeReply => ({
    kind: 'stream-error',
    content: [{ type: 'text', text: partialText }],
    errorType: 'overloaded_error',
    message: 'Overloaded',
  }),
  drop: (partialText: string): FakeReply => ({ kind: 'drop', content: [{ type: 'text', text: partialText }] }),
  stall: (partialText?: string): FakeReply => ({ kind: 'stall', content: partialText ? [{ type: 'text', text: partialText }] : [] }),
};

function errorTypeFor(status: number): string {
  const types: Record<number, string> = {
    400: 'invalid_request_error',
    401: 'authentication_error',
    403: 'permission_error',
    404: 'not_found_error',
    413: 'request_too_large',
    429: 'rate_limit_error',
    500: 'api_error',
    529: 'overloaded_error',
  };
  return types[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}
