// The stand-in's deferred tools and tool search must be as strict as the real API, or the host's tests prove little.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';

let api: FakeAnthropic;
beforeAll(async () => {
  api = await startFakeAnthropic();
});
afterAll(async () => {
  await api.close();
});

const HEADERS = { 'content-type': 'application/json', 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' };
const base = { model: 'claude-test', max_tokens: 200 };
const SEARCH = { type: 'tool_search_tool_bm25_20251119', name: 'tool_search_tool_bm25' };
const tool = (name: string, description: string, deferred = true) => ({
  name,
  description,
  input_schema: { type: 'object', properties: { city: { type: 'string' } } },
  ...(deferred ? { defer_loading: true } : {}),
});
const TOOLS = [
  SEARCH,
  tool('crm__get_invoice', 'Read one invoice by number'),
  tool('weather__forecast', 'The weather forecast for a city'),
  tool('notes__add', 'Add a note', false),
];
const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: unknown) => ({ role: 'assistant', content });
const searchUse = (id = 'srvtoolu_1') => ({ type: 'server_tool_use', id, name: 'tool_search_tool_bm25', input: { query: 'weather' } });
const searchResult = (names: string[], id = 'srvtoolu_1') => ({
  type: 'tool_search_tool_result',
  tool_use_id: id,
  content: { type: 'tool_search_tool_search_result', tool_references: names.map((tool_name) => ({ type: 'tool_reference', tool_name })) },
});
const call = (name: string, id = 'toolu_1') => ({ type: 'tool_use', id, name, input: { city: 'Oslo' } });
const result = (id = 'toolu_1') => ({ type: 'tool_result', tool_use_id: id, content: 'ok' });

async function post(body: unknown) {
  const res = await fetch(`${api.url}/v1/messages`, { method: 'POST', headers: HEADERS, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { error?: { type: string; message: string } } & Record<string, unknown> };
}

describe('the stand-in rejects what the real API rejects about deferred tools', () => {
  const cases: [string, unknown, RegExp][] = [
    [
      'every tool deferred',
      { ...base, tools: [tool('a', 'x'), tool('b', 'y')], messages: [user('hi')] },
      /All tools have defer_loading set\. At least one tool must be non-deferred/,
    ],
    [
      'a search tool with an input schema',
      { ...base, tools: [{ ...SEARCH, input_schema: { type: 'object' } }, tool('a', 'x')], messages: [user('hi')] },
      /input_schema: Extra inputs are not permitted/,
    ],
    [
      'a deferred search tool',
      { ...base, tools: [{ ...SEARCH, defer_loading: true }, tool('a', 'x', false)], messages: [user('hi')] },
      /cannot have defer_loading/,
    ],
    [
      'a search tool with the wrong name',
      { ...base, tools: [{ ...SEARCH, name: 'search' }, tool('a', 'x')], messages: [user('hi')] },
      /name: Input should be 'tool_search_tool_bm25'/,
    ],
    [
      'a call to a deferred tool no search loaded',
      { ...base, tools: TOOLS, messages: [user('hi'), assistant([call('weather__forecast')]), user([result()])] },
      /defer_loading set and no tool_reference loaded it/,
    ],
    [
      'a call loaded by a search for another tool',
      {
        ...base,
        tools: TOOLS,
        messages: [user('hi'), assistant([searchUse(), searchResult(['crm__get_invoice']), call('weather__forecast')]), user([result()])],
      },
      /weather__forecast' has defer_loading set/,
    ],
    [
      'a search result without its server_tool_use',
      { ...base, tools: TOOLS, messages: [user('hi'), assistant([searchResult(['weather__forecast']), call('weather__forecast')]), user([result()])] },
      /does not have a corresponding server_tool_use/,
    ],
    [
      'a server_tool_use without its result',
      { ...base, tools: TOOLS, messages: [user('hi'), assistant([searchUse(), { type: 'text', text: 'x' }]), user('go on')] },
      /without tool_search_tool_result blocks/,
    ],
    [
      'a reference to a tool not in tools',
      { ...base, tools: TOOLS, messages: [user('hi'), assistant([searchUse(), searchResult(['gone__tool'])]), user('go on')] },
      /Tool reference 'gone__tool' has no corresponding tool definition/,
    ],
    [
      'a server_tool_use when no search tool is offered',
      { ...base, tools: [tool('notes__add', 'Add', false)], messages: [user('hi'), assistant([searchUse(), searchResult([])]), user('go on')] },
      /has no matching server tool/,
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

  it('accepts a deferred tool called after a search loaded it, in the same turn or a later one', async () => {
    api.enqueue(reply.text('ok'), reply.text('ok'));
    const sameTurn = await post({
      ...base,
      tools: TOOLS,
      messages: [user('hi'), assistant([searchUse(), searchResult(['weather__forecast']), call('weather__forecast')]), user([result()])],
    });
    expect(sameTurn.status).toBe(200);
    const later = await post({
      ...base,
      tools: TOOLS,
      messages: [
        user('hi'),
        assistant([searchUse(), searchResult(['weather__forecast']), call('weather__forecast')]),
        user([result()]),
        assistant('Sunny.'),
        user('again'),
        assistant([call('weather__forecast', 'toolu_2')]),
        user([result('toolu_2')]),
      ],
    });
    expect(later.status).toBe(200);
  });
});

describe('the stand-in runs a scripted search', () => {
  it('streams server_tool_use and tool_search_tool_result, then the call, and the SDK reads them', async () => {
    api.enqueue(reply.searchThenCall('weather forecast for a city', 'weather__forecast', { city: 'Oslo' }));
    const client = new Anthropic({ apiKey: 'test-key', baseURL: api.url, maxRetries: 0 });
    const message = await client.messages
      .stream({ ...base, tools: TOOLS as Anthropic.ToolUnion[], messages: [{ role: 'user', content: 'Weather in Oslo?' }] })
      .finalMessage();
    expect(message.content.map((b) => b.type)).toEqual(['server_tool_use', 'tool_search_tool_result', 'tool_use']);
    const search = message.content[0] as Anthropic.ServerToolUseBlock;
    expect(search).toMatchObject({ name: 'tool_search_tool_bm25', input: { query: 'weather forecast for a city' } });
    const found = message.content[1] as Anthropic.ToolSearchToolResultBlock;
    expect(found.tool_use_id).toBe(search.id);
    expect(found.content.type).toBe('tool_search_tool_search_result');
    // The best match first; the loaded tool (notes__add) is not part of the deferred catalog searched.
    const refs = (found.content as Anthropic.ToolSearchToolSearchResultBlock).tool_references.map((r) => r.tool_name);
    expect(refs[0]).toBe('weather__forecast');
    expect(refs).not.toContain('notes__add');

    // Sent back verbatim, the turn is valid; without the search blocks it is not.
    const toolUse = message.content[2] as Anthropic.ToolUseBlock;
    const back = (content: unknown[]) => post({ ...base, tools: TOOLS, messages: [user('Weather in Oslo?'), assistant(content), user([result(toolUse.id)])] });
    api.enqueue(reply.text('Sunny.'));
    expect((await back(JSON.parse(JSON.stringify(message.content)) as unknown[])).status).toBe(200);
    expect((await back([toolUse])).status).toBe(400);
  });

  it('uses a regex for the regex variant', async () => {
    api.enqueue(reply.searchThenCall('(?i)INVOICE', 'crm__get_invoice', { city: 'x' }));
    const res = await post({
      ...base,
      tools: [{ type: 'tool_search_tool_regex_20251119', name: 'tool_search_tool_regex' }, ...TOOLS.slice(1)],
      messages: [user('invoice 7')],
    });
    expect(res.status).toBe(200);
    const content = res.body.content as { type: string; input?: unknown; content?: { tool_references: { tool_name: string }[] } }[];
    expect(content[0]).toMatchObject({ type: 'server_tool_use', input: { pattern: '(?i)INVOICE' } });
    expect(content[1]!.content!.tool_references.map((r) => r.tool_name)).toEqual(['crm__get_invoice']);
  });

  it('fails a script that calls a deferred tool its search did not find', async () => {
    api.enqueue(reply.searchThenCall('invoice', 'weather__forecast', {}));
    const res = await post({ ...base, tools: TOOLS, messages: [user('hi')] });
    expect(res.status).toBe(500);
    expect(res.body.error?.message).toMatch(/script calls weather__forecast, which is deferred and was not found/);
  });

  it('leaves deferred tools out of the cached prefix, so adding one keeps the cache', async () => {
    const body = (tools: unknown[]) => ({ ...base, tools, messages: [user([{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }])] });
    const loaded = [tool('notes__add', 'Add a note', false), { ...SEARCH, cache_control: { type: 'ephemeral' } }];
    api.enqueue(reply.text('a'), reply.text('b'));
    await post(body([...loaded, tool('a__x', 'x')]));
    await post(body([...loaded, tool('a__x', 'x'), tool('b__y', 'y')]));
    const [first, second] = api.requests.slice(-2);
    expect(first!.usage!.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(second!.usage!.cache_read_input_tokens).toBe(first!.usage!.cache_creation_input_tokens);
  });
});

describe('the stand-in answering by itself', () => {
  it('searches for a deferred tool before calling it when the person writes "use <tool>"', async () => {
    const res = await post({ ...base, tools: TOOLS, messages: [user('Please use forecast {"city": "Oslo"}')] });
    expect(res.status).toBe(200);
    const content = res.body.content as { type: string; name?: string; input?: unknown }[];
    expect(content.map((b) => b.type)).toEqual(['server_tool_use', 'tool_search_tool_result', 'text', 'tool_use']);
    expect(content[3]).toMatchObject({ name: 'weather__forecast', input: { city: 'Oslo' } });
  });
});
