// The fake must be as strict as the real Messages API, or the loop's tests would prove little.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { nodeBin, repoRoot, tsxImport } from '../../support/paths.ts';
import { titleRequest } from '../../../app/llm/titleRequest.ts';

let api: FakeAnthropic;
beforeAll(async () => {
  api = await startFakeAnthropic();
});
afterAll(async () => {
  await api.close();
});

const HEADERS = { 'content-type': 'application/json', 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' };
const base = { model: 'claude-test', max_tokens: 100 };
const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: unknown) => ({ role: 'assistant', content });
const toolUse = (id: string) => ({ type: 'tool_use', id, name: 'srv__t', input: {} });
const toolResult = (id: string, content: unknown = 'ok') => ({ type: 'tool_result', tool_use_id: id, content });

async function post(body: unknown, headers: Record<string, string> = HEADERS) {
  const res = await fetch(`${api.url}/v1/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { error?: { type: string; message: string } } & Record<string, unknown> };
}

describe('fake Anthropic API strictness', () => {
  const cases: [string, unknown, RegExp][] = [
    ['model missing', { max_tokens: 1, messages: [user('hi')] }, /model: Field required/],
    ['max_tokens missing', { model: 'm', messages: [user('hi')] }, /max_tokens: Field required/],
    ['an invalid tool name', { ...base, messages: [user('hi')], tools: [{ name: 'a.b', input_schema: { type: 'object' } }] }, /String should match pattern/],
    [
      'a tool name over 64 characters',
      { ...base, messages: [user('hi')], tools: [{ name: 'x'.repeat(65), input_schema: { type: 'object' } }] },
      /String should match pattern/,
    ],
    [
      'duplicate tool names',
      { ...base, messages: [user('hi')], tools: [1, 2].map(() => ({ name: 'a', input_schema: { type: 'object' } })) },
      /Tool names must be unique/,
    ],
    ['a first message from the assistant', { ...base, messages: [assistant('hi'), user('x')] }, /first message must use the "user" role/],
    ['roles that do not alternate', { ...base, messages: [user('a'), user('b')] }, /roles must alternate/],
    [
      'a tool_use without its tool_result',
      { ...base, messages: [user('a'), assistant([toolUse('toolu_1')]), user('next')] },
      /without `tool_result` blocks immediately after: toolu_1/,
    ],
    ['a final tool_use without a result', { ...base, messages: [user('a'), assistant([toolUse('toolu_1')])] }, /without `tool_result`/],
    [
      'tool_result blocks after text',
      { ...base, messages: [user('a'), assistant([toolUse('toolu_1')]), user([{ type: 'text', text: 'x' }, toolResult('toolu_1')])] },
      /must come before any other content/,
    ],
    [
      'a tool_result for an unknown tool_use',
      { ...base, messages: [user('a'), assistant([toolUse('toolu_1')]), user([toolResult('toolu_1'), toolResult('toolu_2')])] },
      /unexpected `tool_use_id`.*toolu_2/,
    ],
    [
      'tool_result content of a type it may not hold',
      { ...base, messages: [user('a'), assistant([toolUse('toolu_1')]), user([toolResult('toolu_1', [{ type: 'audio', data: 'x' }])])] },
      /Input tag 'audio'/,
    ],
    ['an empty text block', { ...base, messages: [user([{ type: 'text', text: '' }])] }, /non-whitespace text/],
    ['an empty message', { ...base, messages: [user([])] }, /non-empty content/],
    [
      'more than 4 cache breakpoints',
      { ...base, messages: [user([1, 2, 3, 4, 5].map((i) => ({ type: 'text', text: `t${i}`, cache_control: { type: 'ephemeral' } })))] },
      /maximum of 4 blocks with cache_control/,
    ],
  ];
  for (const [name, body, message] of cases) {
    it(`rejects ${name} with a 400 invalid_request_error`, async () => {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.error?.type).toBe('invalid_request_error');
      expect(res.body.error?.message).toMatch(message);
    });
  }

  it('rejects a request without x-api-key with 401', async () => {
    const res = await post({ ...base, messages: [user('hi')] }, { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' });
    expect(res.status).toBe(401);
    expect(res.body.error?.type).toBe('authentication_error');
  });

  it('accepts a valid tool round trip and does not use a scripted reply for a rejected request', async () => {
    api.enqueue(reply.text('scripted'));
    await post({ ...base, messages: [user('a'), user('b')] });
    expect(api.pending()).toBe(1);
    const res = await post({
      ...base,
      messages: [
        user('a'),
        assistant([{ type: 'text', text: 'calling' }, toolUse('toolu_9')]),
        user([toolResult('toolu_9'), { type: 'text', text: 'and more' }]),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.content).toEqual([{ type: 'text', text: 'scripted', citations: null }]);
  });

  it('streams the real event sequence', async () => {
    api.enqueue(reply.toolUse('srv__t', { a: 1 }, { text: 'Let me check.' }));
    const res = await fetch(`${api.url}/v1/messages`, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify({ ...base, stream: true, messages: [user('hi')] }),
    });
    const events = (await res.text())
      .split('\n')
      .filter((l) => l.startsWith('event: '))
      .map((l) => l.slice(7));
    const collapsed = events.filter((e, i) => e !== events[i - 1]);
    expect(collapsed).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('reports cache reads when a later request repeats a cached prefix', async () => {
    const tools = [{ name: 'srv__t', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } }];
    const first = await post({ ...base, tools, messages: [user([{ type: 'text', text: 'long question '.repeat(50), cache_control: { type: 'ephemeral' } }])] });
    expect(first.body.usage).toMatchObject({ cache_read_input_tokens: 0 });
    expect((first.body.usage as { cache_creation_input_tokens: number }).cache_creation_input_tokens).toBeGreaterThan(0);
    const second = await post({
      ...base,
      tools,
      messages: [
        user([{ type: 'text', text: 'long question '.repeat(50) }]),
        assistant('answer'),
        user([{ type: 'text', text: 'follow-up', cache_control: { type: 'ephemeral' } }]),
      ],
    });
    expect((second.body.usage as { cache_read_input_tokens: number }).cache_read_input_tokens).toBe(
      (first.body.usage as { cache_creation_input_tokens: number }).cache_creation_input_tokens,
    );
  });

  it('answers by itself when nothing is scripted, calling a tool when asked to "use" it', async () => {
    const tools = [{ name: 'everything__echo', input_schema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] } }];
    const res = await post({ ...base, tools, messages: [user('please use echo')] });
    expect(res.body.stop_reason).toBe('tool_use');
    expect((res.body.content as unknown[])[1]).toMatchObject({ type: 'tool_use', name: 'everything__echo', input: { message: 'hello' } });
    const plain = await post({ ...base, messages: [user('hello there')] });
    expect(plain.body.content).toEqual([{ type: 'text', text: 'You said: hello there', citations: null }]);
  });

  it('stops a reply at max_tokens with stop_reason max_tokens, as the real API does', async () => {
    api.enqueue(reply.text('word '.repeat(200)));
    const res = await post({ ...base, max_tokens: 5, messages: [user('talk a lot')] });
    expect(res.body.stop_reason).toBe('max_tokens');
    expect((res.body.content as { text: string }[])[0]!.text.length).toBeLessThanOrEqual(20);
    expect((res.body.usage as { output_tokens: number }).output_tokens).toBeLessThanOrEqual(5);
  });

  it("answers Switchboard's title request apart from the scripted chat replies, and checks it like any request", async () => {
    const request = titleRequest([{ role: 'user', id: 'u', createdAt: 0, text: 'how do bees make honey' }], 'claude-haiku-5-5')!;
    api.enqueue(reply.text('for the chat'));
    const titled = await post(request);
    expect(titled.body.content).toEqual([{ type: 'text', text: 'How do bees make honey', citations: null }]);
    expect(api.titleRequests.at(-1)!.body.model).toBe('claude-haiku-5-5');
    expect(api.pending()).toBe(1);
    const bad = await post({ ...request, max_tokens: 0 });
    expect(bad.status).toBe(400);
    expect((await post({ ...base, messages: [user('chat')] })).body.content).toEqual([{ type: 'text', text: 'for the chat', citations: null }]);
  });

  it('runs as a standalone process that prints its URL and answers by itself', async () => {
    const child = spawn(nodeBin, ['--import', tsxImport, path.join(repoRoot, 'tests/support/fakeAnthropic.ts'), '--port', '0'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.setEncoding('utf8');
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: string) => {
          out += chunk;
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const res = await fetch(`${url}/v1/messages`, { method: 'POST', headers: HEADERS, body: JSON.stringify({ ...base, messages: [user('ping')] }) });
      expect(((await res.json()) as { content: unknown[] }).content).toEqual([{ type: 'text', text: 'You said: ping', citations: null }]);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  });
});
