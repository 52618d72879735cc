import { describe, expect, it } from 'vitest';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { buildRequest, countCacheBreakpoints } from '../../../app/llm/requestBuilder.ts';
import { repairTranscript, UNANSWERED_TOOL_USE } from '../../../app/llm/transcriptRepair.ts';
import { validateMessagesRequest } from '../../support/fakeAnthropicValidate.ts';

const text = (t: string) => ({ type: 'text' as const, text: t });
const use = (id: string) => ({ type: 'tool_use' as const, id, name: 'srv__t', input: {} });
const result = (id: string) => ({ type: 'tool_result' as const, tool_use_id: id, content: 'ok' });
const accepted = (messages: MessageParam[]) => validateMessagesRequest({ model: 'm', max_tokens: 1, messages })?.message;

describe('repairTranscript', () => {
  it('leaves a valid transcript as it is', () => {
    const valid: MessageParam[] = [
      { role: 'user', content: [text('hi')] },
      { role: 'assistant', content: [text('calling'), use('toolu_1')] },
      { role: 'user', content: [result('toolu_1')] },
      { role: 'assistant', content: [text('done')] },
    ];
    expect(repairTranscript(valid)).toEqual(valid);
  });

  const broken: [string, MessageParam[]][] = [
    [
      'a leading assistant message',
      [
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'hi' },
      ],
    ],
    [
      'two user messages in a row',
      [
        { role: 'user', content: 'a' },
        { role: 'user', content: [text('b')] },
      ],
    ],
    [
      'a tool_use never answered, mid-conversation',
      [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: [use('toolu_1')] },
        { role: 'user', content: 'b' },
      ],
    ],
    [
      'a tool_use never answered, at the end',
      [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: [text('x'), use('toolu_1'), use('toolu_2')] },
      ],
    ],
    ['a tool_result for nothing', [{ role: 'user', content: [result('toolu_9'), text('a')] }]],
    [
      'tool results after text',
      [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: [use('toolu_1')] },
        { role: 'user', content: [text('b'), result('toolu_1')] },
      ],
    ],
    [
      'empty and blank content',
      [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: '' },
        { role: 'user', content: [text('  '), text('b')] },
        { role: 'assistant', content: [] },
      ],
    ],
    [
      'a duplicated tool_result',
      [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: [use('toolu_1')] },
        { role: 'user', content: [result('toolu_1'), result('toolu_1')] },
      ],
    ],
    [
      'two assistant messages in a row with tool uses',
      [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: [use('toolu_1')] },
        { role: 'assistant', content: [use('toolu_2')] },
      ],
    ],
  ];
  for (const [name, messages] of broken) {
    it(`makes a transcript with ${name} acceptable to the API`, () => {
      expect(accepted(messages)).toBeDefined();
      const repaired = repairTranscript(messages);
      expect(accepted(repaired.at(-1)?.role === 'assistant' ? [...repaired, { role: 'user', content: 'next' }] : repaired)).toBeUndefined();
    });
  }

  it('answers an unanswered tool_use with an is_error result that says why', () => {
    const repaired = repairTranscript([
      { role: 'user', content: 'a' },
      { role: 'assistant', content: [use('toolu_1')] },
    ]);
    expect(repaired.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'toolu_1', is_error: true, content: [{ type: 'text', text: UNANSWERED_TOOL_USE }] }],
    });
  });
});

describe('buildRequest', () => {
  const tools = [
    { name: 'a__x', input_schema: { type: 'object' as const } },
    { name: 'b__y', input_schema: { type: 'object' as const } },
  ];
  const messages: MessageParam[] = [
    { role: 'user', content: [text('hi')] },
    { role: 'assistant', content: [use('toolu_1')] },
    { role: 'user', content: [result('toolu_1')] },
  ];

  it('marks the last tool, the system prompt and the last user block for caching without touching the inputs', () => {
    const before = JSON.stringify({ tools, messages });
    const request = buildRequest({ model: 'm', maxTokens: 100, system: 'Be brief.', tools, messages });
    expect(request.tools!.at(-1)).toMatchObject({ name: 'b__y', cache_control: { type: 'ephemeral' } });
    expect(request.tools![0]).not.toHaveProperty('cache_control');
    expect(request.system).toEqual([{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }]);
    expect((request.messages.at(-1)!.content as { cache_control?: unknown }[])[0]!.cache_control).toEqual({ type: 'ephemeral' });
    expect(countCacheBreakpoints(request)).toBe(3);
    expect(JSON.stringify({ tools, messages })).toBe(before);
    expect(validateMessagesRequest(request)).toBeUndefined();
  });

  it('sends no cache_control when caching is off and no tools key when there are no tools', () => {
    const request = buildRequest({ model: 'm', maxTokens: 100, tools: [], messages, cache: false });
    expect(request).not.toHaveProperty('tools');
    expect(countCacheBreakpoints(request)).toBe(0);
  });
});
