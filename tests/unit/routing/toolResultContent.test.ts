import { describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mapToolResult } from '../../../app/routing/toolResultContent.ts';
import { validateMessagesRequest } from '../../support/fakeAnthropicValidate.ts';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The strict fake accepts the mapped content inside a tool_result. */
function acceptedByApi(content: unknown): boolean {
  const body = {
    model: 'm',
    max_tokens: 10,
    messages: [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 't', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content }] },
    ],
  };
  return validateMessagesRequest(body) === undefined;
}

describe('tool result content', () => {
  it('passes text through unchanged', () => {
    const mapped = mapToolResult({ content: [{ type: 'text', text: 'Echo: hi' }] });
    expect(mapped.content).toEqual([{ type: 'text', text: 'Echo: hi' }]);
    expect(mapped.view).toEqual({ isError: false, content: [{ kind: 'text', text: 'Echo: hi' }] });
    expect(mapped.isError).toBe(false);
  });

  it('cuts a 20 MB result to the budget with a marker saying how much was cut', () => {
    const huge = 'a'.repeat(20_000_000);
    const mapped = mapToolResult({
      content: [
        { type: 'text', text: huge },
        { type: 'text', text: 'tail' },
      ],
    });
    const texts = mapped.content.map((b) => (b.type === 'text' ? b.text : ''));
    expect(texts[0]!.length).toBe(100_000);
    expect(texts.at(-1)).toBe('[Switchboard cut this result: showing the first 100000 of 20000004 characters]');
    expect(mapped.view.truncated).toEqual({ originalChars: 20_000_004, keptChars: 100_000 });
    const viewText = mapped.view.content.map((c) => (c.kind === 'text' ? c.text : '')).join('');
    expect(viewText.length).toBeLessThan(200_200);
    expect(acceptedByApi(mapped.content)).toBe(true);
  });

  it('sends supported images as base64 image blocks and notes the others', () => {
    const mapped = mapToolResult({
      content: [
        { type: 'image', data: PNG, mimeType: 'image/png' },
        { type: 'image', data: PNG, mimeType: 'image/bmp' },
      ],
    });
    expect(mapped.content[0]).toEqual({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } });
    expect(mapped.content[1]).toMatchObject({ type: 'text', text: expect.stringContaining('image/bmp') });
    expect(mapped.view.content[0]).toEqual({ kind: 'image', mimeType: 'image/png', data: PNG });
    expect(acceptedByApi(mapped.content)).toBe(true);
  });

  it('sends embedded text resources as text with their uri, and notes blobs, audio and resource links', () => {
    const result: CallToolResult = {
      content: [
        { type: 'resource', resource: { uri: 'file:///notes.txt', mimeType: 'text/plain', text: 'hello notes' } },
        { type: 'resource', resource: { uri: 'file:///x.bin', mimeType: 'application/octet-stream', blob: 'AAAA' } },
        { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
        { type: 'resource_link', uri: 'test://static/resource/1', name: 'Resource 1', mimeType: 'text/plain' },
      ],
    };
    const mapped = mapToolResult(result);
    const texts = mapped.content.map((b) => (b.type === 'text' ? b.text : b.type));
    expect(texts[0]).toBe('[Resource file:///notes.txt]\nhello notes');
    expect(texts[1]).toContain('file:///x.bin');
    expect(texts[1]).toContain('3 bytes');
    expect(texts[2]).toContain('audio/wav');
    expect(texts[3]).toBe('[Resource link: Resource 1 <test://static/resource/1> (text/plain)]');
    expect(mapped.view.content.map((c) => c.kind)).toEqual(['resource', 'resource', 'audio', 'resource-link']);
    expect(acceptedByApi(mapped.content)).toBe(true);
  });

  it('adds structured content as JSON only when no text already carries it', () => {
    const data = { temperature: 22, conditions: 'sunny' };
    const alone = mapToolResult({ content: [], structuredContent: data });
    expect(alone.content).toEqual([{ type: 'text', text: JSON.stringify(data) }]);
    expect(alone.view.structuredContent).toEqual(data);
    const duplicated = mapToolResult({ content: [{ type: 'text', text: JSON.stringify(data, null, 2) }], structuredContent: data });
    expect(duplicated.content).toHaveLength(1);
    const wrapped = mapToolResult({
      content: [{ type: 'text', text: 'Allowed directories:\n/tmp/a' }],
      structuredContent: { content: 'Allowed directories:\n/tmp/a' },
    });
    expect(wrapped.content).toEqual([{ type: 'text', text: 'Allowed directories:\n/tmp/a' }]);
    const more = mapToolResult({ content: [{ type: 'text', text: 'Done.' }], structuredContent: { rows: ['a', 'b'] } });
    expect(more.content).toHaveLength(2);
  });

  it('marks error results and never sends empty text', () => {
    const failed = mapToolResult({ content: [{ type: 'text', text: 'boom' }], isError: true });
    expect(failed.isError).toBe(true);
    expect(failed.view.isError).toBe(true);
    const empty = mapToolResult({ content: [{ type: 'text', text: '' }] });
    expect(empty.content).toEqual([{ type: 'text', text: '(The tool returned no content.)' }]);
    expect(acceptedByApi(empty.content)).toBe(true);
  });

  it('cuts huge structured content without serialising all of it', () => {
    const big = { rows: Array.from({ length: 200_000 }, (_, i) => ({ i, name: `row ${i}` })) };
    const mapped = mapToolResult({ content: [], structuredContent: big }, { modelChars: 1000, viewChars: 2000 });
    const texts = mapped.content.map((b) => (b.type === 'text' ? b.text : ''));
    expect(texts[0]!.length).toBe(1000);
    expect(texts[1]).toMatch(/showing the first 1000 of more than \d+ characters/);
    expect(mapped.view.structuredContent).toBeUndefined();
  });
});
