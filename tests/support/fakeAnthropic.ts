// A strict fake of the Anthropic Messages API (POST /v1/messages, JSON and streaming SSE) for tests and by hand.
//
//   const api = await startFakeAnthropic();          // 127.0.0.1, port 0
//   api.enqueue(reply.toolUse('srv__echo', { message: 'hi' }), reply.text('Done.'));
//   …point the product at api.url (the ANTHROPIC_BASE_URL setting)…
//   api.requests[1].body.messages                   // every request, recorded
//   await api.close();
//
// Invalid requests get the real API's 400 invalid_request_error (see fakeAnthropicValidate.ts) and do not
// consume a scripted reply. With nothing scripted it answers by itself (fakeAnthropicDefault.ts).
// Standalone: `node --import tsx tests/support/fakeAnthropic.ts --port 8787 [--delay 30]`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { PromptCache } from './fakeAnthropicCache.ts';
import { runToolSearches } from './fakeAnthropicToolSearch.ts';
import { defaultReply } from './fakeAnthropicDefault.ts';
import { defaultTitleReply, isTitleRequest } from './fakeAnthropicTitles.ts';
import { validateHeaders, validateMessagesRequest, type ApiFailure } from './fakeAnthropicValidate.ts';
import type { FakeReply } from './fakeAnthropicReplies.ts';
import { limitToMaxTokens, outputTokens, sendError, sendJson, sendJsonReply, streamReply, type FakeUsage } from './fakeAnthropicWire.ts';

export { reply, type FakeBlock, type FakeReply, type FakeStopReason } from './fakeAnthropicReplies.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  stream: boolean;
  /** Set when the fake rejected the request as the real API would. */
  rejected?: ApiFailure;
  replied?: FakeReply['kind'];
  usage?: FakeUsage;
}

export type FakeHandler = (request: RecordedRequest) => FakeReply | undefined;

export interface FakeAnthropicOptions {
  port?: number;
  /** When set, any other x-api-key gets 401. */
  apiKey?: string;
  /** Characters per text_delta / input_json_delta (default 8). */
  chunkChars?: number;
  /** Pause between SSE events, for watching by hand (default 0). */
  delayMs?: number;
  /** false: answer like an endpoint without tool search (a 400 for `defer_loading` or a tool search tool). */
  toolSearch?: boolean;
}

export interface FakeAnthropic {
  /** Base URL, e.g. http://127.0.0.1:41234 (no /v1). */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Switchboard's short-title requests, recorded apart from `requests` (see fakeAnthropicTitles.ts). */
  readonly titleRequests: RecordedRequest[];
  /** Replies used in order, one per valid request. */
  enqueue(...replies: FakeReply[]): void;
  /** Replies to title requests, used in order; without one the fake names the conversation by itself. */
  enqueueTitles(...replies: FakeReply[]): void;
  /** Consulted when the queue is empty; return undefined to fall back to the default behaviour. */
  handle(handler: FakeHandler | undefined): void;
  /** Scripted replies not used yet. */
  pending(): number;
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeAnthropic(opts: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const queue: FakeReply[] = [];
  const titleQueue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  const titleRequests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const cache = new PromptCache();
  let handler: FakeHandler | undefined;
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void serve(req, res, Buffer.concat(chunks).toString('utf8')).catch(() => res.destroy());
    });
  });

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
      stream: (body as { stream?: unknown } | undefined)?.stream === true,
    };
    const forTitle = isTitleRequest(body);
    (forTitle ? titleRequests : requests).push(record);
    for (const w of waiters.splice(0)) {
      if (requests.length >= w.count) w.resolve();
      else waiters.push(w);
    }
    if (req.method !== 'POST' || (path !== '/v1/messages' && path !== '/v1/messages/count_tokens')) {
      return sendError(res, { status: 404, type: 'not_found_error', message: `Not found: ${req.method} ${path}` });
    }
    const failure =
      validateHeaders(req.headers, opts.apiKey) ??
      (body === undefined
        ? { status: 400, type: 'invalid_request_error', message: 'There was an issue with the format of your request: the body is not valid JSON' }
        : undefined) ??
      validateMessagesRequest(path.endsWith('count_tokens') ? { max_tokens: 1, ...(body as object) } : body, { toolSearch: opts.toolSearch ?? true });
    if (failure) {
      record.rejected = failure;
      return sendError(res, failure);
    }
    if (path.endsWith('count_tokens')) {
      return sendJson(res, 200, { input_tokens: Math.ceil(raw.length / 4) });
    }
    const scripted = forTitle
      ? (titleQueue.shift() ?? defaultTitleReply(body as Record<string, unknown>))
      : (queue.shift() ?? handler?.(record) ?? defaultReply(body as Record<string, unknown>));
    const id = `msg_fake_${++counter}`;
    // The model's tool searches run here, over the deferred tools this request offers.
    const searched = runToolSearches(scripted, body as Record<string, unknown>, id);
    if (!('kind' in searched)) {
      record.rejected = searched;
      return sendError(res, searched);
    }
    // Like the real API: a reply stops at max_tokens.
    const next = limitToMaxTokens(searched, (body as { max_tokens: number }).max_tokens);
    record.replied = next.kind;
    if (next.kind === 'error') return sendError(res, next, next.headers);
    const usage = { ...cache.use(body as Record<string, unknown>), output_tokens: outputTokens(next.content) };
    record.usage = usage;
    const model = String((body as { model: string }).model);
    if (!record.stream) return sendJsonReply(res, next, id, model, usage);
    await streamReply(res, next, id, model, usage, opts);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    titleRequests,
    enqueue: (...replies) => void queue.push(...replies),
    enqueueTitles: (...replies) => void titleQueue.push(...replies),
    handle: (h) => void (handler = h),
    pending: () => queue.length,
    waitForRequests: (count) => (requests.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }))),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const api = await startFakeAnthropic({
    port: Number(arg('--port') ?? 0),
    delayMs: Number(arg('--delay') ?? 0),
    ...(arg('--api-key') ? { apiKey: arg('--api-key')! } : {}),
  });
  console.log(`Fake Anthropic API listening on ${api.url} (set ANTHROPIC_BASE_URL=${api.url})`);
  const stop = () => void api.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2));
}
