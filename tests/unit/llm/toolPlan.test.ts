// Which tools a request loads and which it defers, and that the requests built from them are ones the
// strict stand-in (and so, we hope, the API) accepts.
import type { MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../../app/llm/requestBuilder.ts';
import { fitTranscript, planTools, rejectsToolSearch } from '../../../app/llm/toolPlan.ts';
import { validateMessagesRequest } from '../../support/fakeAnthropicValidate.ts';

const tool = (name: string): Tool => ({ name, description: `Does ${name}`, input_schema: { type: 'object', properties: {} } });
const TOOLS = ['a__one', 'b__two', 'c__three', 'd__four'].map(tool);
const search = (id: string, names: string[]) => [
  { type: 'server_tool_use' as const, id, name: 'tool_search_tool_bm25' as const, input: { query: 'x' } },
  {
    type: 'tool_search_tool_result' as const,
    tool_use_id: id,
    content: { type: 'tool_search_tool_search_result' as const, tool_references: names.map((tool_name) => ({ type: 'tool_reference' as const, tool_name })) },
  },
];
const call = (id: string, name: string) => ({ type: 'tool_use' as const, id, name, input: {} });
const result = (id: string) => ({ type: 'tool_result' as const, tool_use_id: id, content: 'ok' });

// Turn 1 called c__three while everything was loaded (tool search not used yet); turn 2 searched and called b__two.
const TRANSCRIPT: MessageParam[] = [
  { role: 'user', content: 'first' },
  { role: 'assistant', content: [call('toolu_1', 'c__three')] },
  { role: 'user', content: [result('toolu_1')] },
  { role: 'assistant', content: [{ type: 'text', text: 'done' }] },
  { role: 'user', content: 'second' },
  { role: 'assistant', content: [...search('srvtoolu_1', ['b__two']), call('toolu_2', 'b__two')] },
  { role: 'user', content: [result('toolu_2')] },
  { role: 'assistant', content: [{ type: 'text', text: 'done again' }] },
  { role: 'user', content: 'third' },
];

const request = (search: boolean, tools = TOOLS, pinned: string[] = []) => {
  const plan = planTools({ tools, search, pinned: new Set(pinned), transcript: TRANSCRIPT });
  return { plan, body: buildRequest({ model: 'm', maxTokens: 10, tools: plan.tools, messages: fitTranscript(TRANSCRIPT, plan) }) };
};
const loaded = (tools: unknown[]) => (tools as { name: string; defer_loading?: boolean }[]).filter((t) => !t.defer_loading).map((t) => t.name);

describe('planning deferred tools', () => {
  it('loads the pinned tools and those called before any search loaded them; a searched tool stays deferred, loaded by its reference', () => {
    const { plan, body } = request(true, TOOLS, ['d__four']);
    expect(loaded(body.tools!)).toEqual(['c__three', 'd__four', 'tool_search_tool_bm25']);
    expect(plan).toMatchObject({ loaded: 2, available: 4, deferred: true });
    expect(validateMessagesRequest(body)).toBeUndefined();
  });

  it('puts the cache breakpoint on the search tool, the last loaded one, never on a deferred tool', () => {
    const { body } = request(true);
    const marked = (body.tools as { name: string; cache_control?: unknown }[]).filter((t) => t.cache_control).map((t) => t.name);
    expect(marked).toEqual(['tool_search_tool_bm25']);
  });

  it('keeps the same order whatever tools join later, so the loaded prefix does not change', () => {
    const before = request(true).body.tools!.slice(0, 2);
    const after = request(true, [...TOOLS, tool('a__zero'), tool('z__last')]).body.tools!.slice(0, 2);
    expect(after).toEqual(before);
  });

  it('without tool search, sends everything loaded and leaves the earlier searches out (the API would refuse them)', () => {
    const { body } = request(false);
    expect(loaded(body.tools!)).toEqual(TOOLS.map((t) => t.name));
    expect(JSON.stringify(body.messages)).not.toMatch(/server_tool_use|tool_search_tool_result/);
    expect(validateMessagesRequest(body)).toBeUndefined();
    // What fitTranscript prevents: the same transcript as it is stored.
    expect(validateMessagesRequest({ ...body, messages: TRANSCRIPT })?.message).toMatch(/has no matching server tool/);
  });

  it('drops references to tools that are gone, which the API cannot resolve', () => {
    const { body } = request(
      true,
      TOOLS.filter((t) => t.name !== 'b__two'),
    );
    expect(JSON.stringify(body.messages)).not.toMatch(/"tool_name":"b__two"/);
    expect(validateMessagesRequest(body)).toBeUndefined();
    const unfitted = { ...body, messages: TRANSCRIPT };
    expect(validateMessagesRequest(unfitted)?.message).toMatch(/Tool reference 'b__two' has no corresponding tool definition/);
  });
});

describe('telling a refusal of tool search from our own mistakes', () => {
  it('reads an unknown tool type or defer_loading as an extra input as the endpoint not knowing tool search', () => {
    expect(
      rejectsToolSearch({
        kind: 'bad-request',
        status: 400,
        message: `The API rejected the request (400). The API said: "tools.0: Input tag 'tool_search_tool_bm25_20251119' found using 'type' does not match"`,
      }),
    ).toBe(true);
    expect(
      rejectsToolSearch({ kind: 'bad-request', status: 400, message: 'The API said: "tools.3.custom.defer_loading: Extra inputs are not permitted"' }),
    ).toBe(true);
  });
  it('does not read the API refusing a wrong request, or another error, as that', () => {
    expect(rejectsToolSearch({ kind: 'bad-request', status: 400, message: 'All tools have defer_loading set. At least one tool must be non-deferred.' })).toBe(
      false,
    );
    expect(rejectsToolSearch({ kind: 'bad-request', status: 400, message: "Tool reference 'x' has no corresponding tool definition" })).toBe(false);
    expect(rejectsToolSearch({ kind: 'server', status: 500, message: 'tool_search_tool_bm25 failed' })).toBe(false);
  });
});
