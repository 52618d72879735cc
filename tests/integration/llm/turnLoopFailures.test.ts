// What a turn does when the API, the network or the person gets in the way. The strict fake checks every request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createAnthropicClient } from '../../../app/llm/anthropicClient.ts';
import { countCacheBreakpoints } from '../../../app/llm/requestBuilder.ts';
import type { TestInvoker } from '../../support/callServers.ts';
import { buildToolRegistry } from '../../../app/routing/toolRegistry.ts';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { newConversation, transcriptProblem, turn } from './turnHarness.ts';

let api: FakeAnthropic;
const registry = buildToolRegistry([
  {
    server: 'srv',
    tools: [{ name: 'echo', description: 'Echoes', inputSchema: { type: 'object', properties: { message: { type: 'string' } } } }],
    disabledTools: [],
    serverEnabled: true,
  },
]);
const calls: unknown[] = [];
const invoke: TestInvoker = async (_s, _t, args): Promise<CallToolResult> => {
  calls.push(args);
  return { content: [{ type: 'text', text: `Echo: ${String(args.message)}` }] };
};
const deps = { registry, invoke };

beforeAll(async () => {
  api = await startFakeAnthropic();
});
afterAll(async () => {
  await api.close();
});

describe('turn loop failures', () => {
  it('retries a 429 after the retry-after the API asked for, visibly, then succeeds', async () => {
    api.enqueue(reply.rateLimited(7), reply.text('Worth the wait.'));
    const conversation = newConversation();
    const run = await turn(api, conversation, 'hello', deps);
    expect(run.result.outcome).toBe('complete');
    expect(run.sleeps).toEqual([7000]);
    const retrying = run.events.find((e) => e.type === 'turn.retrying');
    expect(retrying).toMatchObject({ attempt: 1, retryAt: 1_000_000 + 7000, reason: expect.stringContaining('rate limit') });
    expect(conversation.transcript.at(-1)).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Worth the wait.' }] });
    expect(conversation.messages.filter((m) => m.role === 'assistant')).toHaveLength(1);
  });

  it('retries 529 overloaded with growing backoff and gives up after the bound with an explanation', async () => {
    api.enqueue(reply.overloaded(), reply.overloaded(), reply.overloaded(), reply.overloaded());
    const conversation = newConversation();
    const run = await turn(api, conversation, 'hello', deps);
    expect(run.result.outcome).toBe('error');
    expect(run.result.error).toMatchObject({ kind: 'overloaded', status: 529 });
    expect(run.sleeps).toEqual([1000, 2000, 4000]);
    expect(run.events.filter((e) => e.type === 'turn.retrying')).toHaveLength(3);
    const shown = conversation.messages.at(-1)!;
    expect(shown).toMatchObject({ role: 'assistant', status: 'error', error: { kind: 'overloaded' } });
    expect(transcriptProblem(conversation)).toBeUndefined();
  });

  it('retries an overloaded error that arrives mid-stream and keeps the broken partial out of the transcript', async () => {
    api.enqueue(reply.streamOverloaded('Half an ans'), reply.text('A whole answer.'));
    const conversation = newConversation();
    const run = await turn(api, conversation, 'hello', deps);
    expect(run.result.outcome).toBe('complete');
    expect(run.events.some((e) => e.type === 'turn.retrying')).toBe(true);
    expect(conversation.transcript).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hello' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'A whole answer.' }] },
    ]);
    const assistants = conversation.messages.filter((m) => m.role === 'assistant');
    expect(assistants.map((m) => m.role === 'assistant' && m.status)).toEqual(['interrupted', 'complete']);
  });

  it('keeps the partial text marked interrupted when the network drops mid-stream, and the next request is valid', async () => {
    api.enqueue(reply.drop('The first half of'));
    const conversation = newConversation();
    const run = await turn(api, conversation, 'tell me', deps);
    expect(run.result.outcome).toBe('error');
    expect(run.result.error?.kind).toBe('network');
    expect(run.result.error?.message).toMatch(/dropped mid-reply/);
    expect(conversation.messages.at(-1)).toMatchObject({ role: 'assistant', status: 'interrupted', blocks: [{ kind: 'text', text: 'The first half of' }] });
    expect(conversation.transcript.at(-1)).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'The first half of' }] });
    expect(transcriptProblem(conversation)).toBeUndefined();

    api.enqueue(reply.text('The whole story.'));
    const retry = await turn(api, conversation, undefined, deps);
    expect(retry.result.outcome).toBe('complete');
    expect(api.requests.at(-1)!.rejected).toBeUndefined();
    expect(conversation.transcript.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(conversation.transcript.at(-1)).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'The whole story.' }] });
  });

  it('never runs a tool_use cut off by max_tokens and keeps only its text', async () => {
    calls.length = 0;
    api.enqueue(reply.maxTokensCut('I will echo', 'srv__echo'));
    const conversation = newConversation();
    const run = await turn(api, conversation, 'echo something long', deps);
    expect(run.result.outcome).toBe('complete');
    expect(calls).toEqual([]);
    expect(conversation.transcript.at(-1)).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'I will echo' }] });
    const view = conversation.messages.at(-1)!;
    expect(view).toMatchObject({
      stopReason: 'max_tokens',
      blocks: [{ kind: 'text' }, { kind: 'tool', call: { status: 'error', error: expect.stringContaining('max_tokens') } }],
    });
    api.enqueue(reply.text('ok'));
    await turn(api, conversation, 'go on', deps);
    expect(api.requests.at(-1)!.rejected).toBeUndefined();
  });

  it('leaves a transcript the API accepts when the person stops mid-stream', async () => {
    const controller = new AbortController();
    api.enqueue(reply.stall('Thinking out lo'));
    const conversation = newConversation();
    const run = await turn(api, conversation, 'think', { ...deps, signal: controller.signal }, (e) => {
      if (e.type === 'text.delta') controller.abort();
    });
    expect(run.result.outcome).toBe('cancelled');
    const view = conversation.messages.at(-1)!;
    expect(view).toMatchObject({ role: 'assistant', status: 'cancelled' });
    expect(conversation.transcript.at(-1)?.role).toBe('assistant');
    api.enqueue(reply.text('Fine.'));
    const next = await turn(api, conversation, 'never mind', deps);
    expect(next.result.outcome).toBe('complete');
    expect(api.requests.at(-1)!.rejected).toBeUndefined();
  });

  it('answers every tool_use even when stopped while tools run, across several calls', async () => {
    const controller = new AbortController();
    const slow: TestInvoker = (_s, _t, _a, { signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    api.enqueue(
      reply.toolUses([
        { name: 'srv__echo', input: { message: 'a' } },
        { name: 'srv__echo', input: { message: 'b' } },
      ]),
    );
    const conversation = newConversation();
    const run = await turn(api, conversation, 'two', { registry, invoke: slow, signal: controller.signal }, (e) => {
      if (e.type === 'tool.updated' && e.call.status === 'running') controller.abort();
    });
    expect(run.result.outcome).toBe('cancelled');
    const results = conversation.transcript.at(-1)!.content as { type: string; is_error?: boolean }[];
    expect(results).toHaveLength(2);
    expect(results.every((r) => r.type === 'tool_result' && r.is_error)).toBe(true);
    expect(transcriptProblem(conversation)).toBeUndefined();
  });

  it('puts at most 4 cache breakpoints on each request and reads the prefix from cache on the next turn', async () => {
    const conversation = newConversation();
    api.enqueue(reply.toolUse('srv__echo', { message: 'x' }), reply.text('Done.'), reply.text('Again.'));
    const first = await turn(api, conversation, 'A long first question. '.repeat(40), { ...deps, system: 'You are helpful.' });
    const second = await turn(api, conversation, 'And a follow-up.', { ...deps, system: 'You are helpful.' });
    const sent = api.requests.slice(-3);
    for (const r of sent) {
      expect(r.rejected).toBeUndefined();
      expect(countCacheBreakpoints(r.body)).toBeGreaterThanOrEqual(2);
      expect(countCacheBreakpoints(r.body)).toBeLessThanOrEqual(4);
      expect(r.body.tools.at(-1).cache_control).toEqual({ type: 'ephemeral' });
      expect(r.body.messages.at(-1).content.at(-1).cache_control).toEqual({ type: 'ephemeral' });
    }
    expect(conversation.transcript.some((m) => JSON.stringify(m).includes('cache_control'))).toBe(false);
    expect(second.result.usage.cacheReadInputTokens).toBeGreaterThan(0);
    expect(first.result.usage.cacheReadInputTokens).toBeGreaterThan(0); // the tool loop's second request re-reads the first's prefix
  });

  it('says the API key was rejected on 401, and asks for a key when there is none', async () => {
    api.enqueue(reply.error(401, 'invalid x-api-key'));
    const rejected = await turn(api, newConversation(), 'hi', deps);
    expect(rejected.result.error).toEqual({ kind: 'auth', status: 401, message: 'API key rejected — check it in Settings.' });
    expect(rejected.sleeps).toEqual([]);
    const missing = await turn(api, newConversation(), 'hi', { ...deps, llm: createAnthropicClient({ apiKey: '', baseUrl: api.url }) });
    expect(missing.result.error).toEqual({ kind: 'no-key', message: 'Add your Anthropic API key in Settings.' });
  });

  it("shows the API's own message for a 400", async () => {
    api.enqueue(reply.error(400, 'messages.0.content: something is off'));
    const run = await turn(api, newConversation(), 'hi', deps);
    expect(run.result.error).toMatchObject({ kind: 'bad-request', status: 400, message: expect.stringContaining('messages.0.content: something is off') });
  });

  it('explains an unreachable API as a network problem', async () => {
    const closed = await startFakeAnthropic();
    await closed.close();
    const run = await turn(api, newConversation(), 'hi', { ...deps, llm: createAnthropicClient({ apiKey: 'k', baseUrl: closed.url }) });
    expect(run.result.error).toMatchObject({ kind: 'network', message: expect.stringContaining('Could not reach') });
  });

  it('stops after the iteration bound with a transcript the API accepts', async () => {
    api.handle(() => reply.toolUse('srv__echo', { message: 'again' }));
    const conversation = newConversation();
    const run = await turn(api, conversation, 'loop forever', { ...deps, maxIterations: 3 });
    api.handle(undefined);
    expect(run.result.outcome).toBe('max-iterations');
    expect(conversation.transcript).toHaveLength(7);
    expect(transcriptProblem(conversation)).toBeUndefined();
  });
});
