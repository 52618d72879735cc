// The fake Messages API on the wire: the real SSE event sequence, JSON replies and error bodies.
import type http from 'node:http';
import type { FakeBlock, FakeReply } from './fakeAnthropicReplies.ts';

export type StreamableReply = Exclude<FakeReply, { kind: 'error' }>;
export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export async function streamReply(
  res: http.ServerResponse,
  r: StreamableReply,
  id: string,
  model: string,
  usage: FakeUsage,
  opts: { chunkChars?: number; delayMs?: number },
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': `req_${id}` });
  const write = (event: string, data: unknown) =>
    new Promise<void>((resolve) => {
      if (res.destroyed) return resolve();
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`, () => resolve());
    }).then(() => (opts.delayMs ? new Promise<void>((r2) => setTimeout(r2, opts.delayMs)) : undefined));
  const chunk = opts.chunkChars ?? 8;
  const { output_tokens: _ignored, ...startUsage } = usage;
  await write('message_start', {
    type: 'message_start',
    message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...startUsage, output_tokens: 1 } },
  });
  await write('ping', { type: 'ping' });
  const open = r.kind !== 'message';
  for (const [index, block] of r.content.entries()) {
    const last = index === r.content.length - 1;
    if (block.type === 'text') {
      await write('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      for (let i = 0; i < block.text.length; i += chunk) {
        await write('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: block.text.slice(i, i + chunk) } });
      }
    } else if (block.type === 'server_tool_use') {
      await write('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'server_tool_use', id: block.id, name: block.name, input: {}, caller: { type: 'direct' } },
      });
      await write('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) },
      });
    } else if (block.type === 'tool_search_tool_result') {
      await write('content_block_start', { type: 'content_block_start', index, content_block: wireBlock(block, id, index) });
    } else if (block.type === 'tool_search') {
      throw new Error('tool_search blocks are run by runToolSearches before a reply is sent');
    } else {
      if (block.after) await block.after;
      const toolId = block.id ?? `toolu_fake_${id.slice(9)}_${index}`;
      await write('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: toolId, name: block.name, input: {} } });
      const json = block.rawJson ?? JSON.stringify(block.input ?? {});
      for (let i = 0; i < json.length; i += chunk) {
        await write('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: json.slice(i, i + chunk) } });
      }
    }
    if (!(open && last)) await write('content_block_stop', { type: 'content_block_stop', index });
  }
  switch (r.kind) {
    case 'message':
      await write('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: r.stopReason ?? 'end_turn', stop_sequence: null },
        usage: { output_tokens: usage.output_tokens },
      });
      await write('message_stop', { type: 'message_stop' });
      res.end();
      return;
    case 'stream-error':
      await write('error', { type: 'error', error: { type: r.errorType, message: r.message } });
      res.end();
      return;
    case 'drop':
      res.socket?.destroy();
      return;
    case 'stall':
      await new Promise<void>((resolve) => res.once('close', () => resolve()));
      return;
  }
}

/** Cuts a finished message's text where the real API would stop: at `maxTokens` (about 4 characters a token). */
export function limitToMaxTokens(r: FakeReply, maxTokens: number): FakeReply {
  if (r.kind !== 'message' || outputTokens(r.content) <= maxTokens) return r;
  let budget = maxTokens * 4;
  const content: FakeBlock[] = [];
  for (const block of r.content) {
    if (budget <= 0) break;
    if (block.type !== 'text') {
      content.push(block);
      if (block.type === 'tool_use') break;
      continue;
    }
    content.push({ type: 'text', text: block.text.slice(0, budget) });
    budget -= block.text.length;
  }
  return { kind: 'message', content, stopReason: 'max_tokens' };
}

export function outputTokens(content: FakeBlock[]): number {
  const chars = content.reduce(
    (n, b) =>
      n +
      (b.type === 'text'
        ? b.text.length
        : b.type === 'tool_use'
          ? (b.rawJson ?? JSON.stringify(b.input ?? {})).length + b.name.length
          : JSON.stringify(b).length),
    0,
  );
  return Math.max(1, Math.ceil(chars / 4));
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function sendError(res: http.ServerResponse, f: { status: number; type: string; message: string }, headers: Record<string, string> = {}): void {
  sendJson(
    res,
    f.status,
    { type: 'error', error: { type: f.type, message: f.message }, request_id: `req_fake_error` },
    { 'x-should-retry': 'false', ...headers },
  );
}

export function sendJsonReply(res: http.ServerResponse, r: StreamableReply, id: string, model: string, usage: FakeUsage): void {
  if (r.kind === 'drop') return void res.socket?.destroy();
  if (r.kind === 'stall') return;
  if (r.kind === 'stream-error') return sendError(res, { status: 529, type: r.errorType, message: r.message });
  const content = r.content.map((b, index) => wireBlock(b, id, index));
  sendJson(
    res,
    200,
    { id, type: 'message', role: 'assistant', model, content, stop_reason: r.stopReason ?? 'end_turn', stop_sequence: null, usage },
    { 'request-id': `req_${id}` },
  );
}

/** A finished block as the API sends it (JSON replies, and the start of a streamed tool_search_tool_result). */
function wireBlock(b: FakeBlock, id: string, index: number): Record<string, unknown> {
  switch (b.type) {
    case 'text':
      return { type: 'text', text: b.text, citations: null };
    case 'tool_use':
      return { type: 'tool_use', id: b.id ?? `toolu_fake_${id.slice(9)}_${index}`, name: b.name, input: b.rawJson ? {} : (b.input ?? {}) };
    case 'server_tool_use':
      return { type: 'server_tool_use', id: b.id, name: b.name, input: b.input, caller: { type: 'direct' } };
    case 'tool_search_tool_result':
      return {
        type: 'tool_search_tool_result',
        tool_use_id: b.tool_use_id,
        content: { type: 'tool_search_tool_search_result', tool_references: b.tool_names.map((tool_name) => ({ type: 'tool_reference', tool_name })) },
      };
    case 'tool_search':
      throw new Error('tool_search blocks are run by runToolSearches before a reply is sent');
  }
}
