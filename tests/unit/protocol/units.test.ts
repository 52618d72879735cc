// The pure parts of the client protocol: elicitation schemas, sampling requests, prompt insertion, attachment blocks.
import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../app/conversations/conversation.ts';
import { elicitationDefaults, validateElicitation } from '../../../app/protocol/elicitationSchema.ts';
import { insertPromptMessages } from '../../../app/protocol/promptMessages.ts';
import { contentBlocks } from '../../../app/protocol/resourceAttachments.ts';
import { samplingMessagesView, samplingRequest, samplingResult, unsupportedReason } from '../../../app/protocol/samplingMessages.ts';
import type { SamplingRequestView } from '../../../app/api/views.ts';

const conversation = (transcript: Conversation['transcript'] = []): Conversation => ({
  version: 1,
  id: 'c1',
  title: 'New conversation',
  createdAt: 0,
  updatedAt: 0,
  transcript,
  messages: [],
});

describe('elicitation schema', () => {
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 2, default: 'x' },
      age: { type: 'integer', minimum: 0, default: 30 },
      when: { type: 'string', format: 'date-time' },
      site: { type: 'string', format: 'uri' },
      ok: { type: 'boolean', default: 'yes' },
    },
    required: ['name'],
  };

  it('keeps only defaults that fit their property', () => {
    expect(elicitationDefaults(schema)).toEqual({ age: 30 });
  });

  it('checks lengths, whole numbers, date-times, URLs, booleans and unknown fields', () => {
    const issues = validateElicitation(schema, { name: 'A', age: 1.5, when: '2025-01-01', site: 'example', ok: 'yes', extra: 1 });
    expect(issues.map((i) => i.path)).toEqual(['content.name', 'content.age', 'content.when', 'content.site', 'content.ok', 'content.extra']);
    expect(validateElicitation(schema, { name: 'Al', age: 3, when: '2025-01-01T10:00:00Z', site: 'https://example.com', ok: true })).toEqual([]);
  });
});

describe('sampling requests', () => {
  const params = {
    messages: [
      { role: 'user' as const, content: { type: 'text' as const, text: 'one' } },
      {
        role: 'user' as const,
        content: [
          { type: 'image' as const, data: 'aGk=', mimeType: 'image/png' },
          { type: 'audio' as const, data: 'aGk=', mimeType: 'audio/wav' },
        ],
      },
      { role: 'assistant' as const, content: { type: 'text' as const, text: 'two' } },
    ],
    maxTokens: 10,
  };

  it('merges same-role messages so roles alternate, and notes what Claude cannot take', () => {
    const view = { messages: samplingMessagesView(params), maxTokens: 10, temperature: 2 } as SamplingRequestView;
    const request = samplingRequest(view, 'claude-x');
    expect(request.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(request.messages[0]!.content).toEqual([
      { type: 'text', text: 'one' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'aGk=' } },
      { type: 'text', text: expect.stringContaining('Audio (audio/wav) was left out') },
    ]);
    expect(request).not.toHaveProperty('temperature');
  });

  it('refuses tools inside sampling, which Switchboard does not declare', () => {
    expect(unsupportedReason({ ...params, tools: [{ name: 't', inputSchema: { type: 'object' } }] })).toMatch(/tools/);
    expect(unsupportedReason(params)).toBeUndefined();
  });

  it('maps the reply to an MCP result', () => {
    const result = samplingResult({ model: 'claude-x', stop_reason: 'max_tokens', content: [{ type: 'text', text: 'hi' }] } as never);
    expect(result).toEqual({ role: 'assistant', content: { type: 'text', text: 'hi' }, model: 'claude-x', stopReason: 'maxTokens' });
  });
});

describe('inserting a prompt', () => {
  const origin = { server: 's', name: 'p' };
  const text = (role: 'user' | 'assistant', t: string) => ({ role, content: { type: 'text' as const, text: t } });

  it("merges into the transcript's last user message and reports the last role", () => {
    const c = conversation([{ role: 'user', content: [{ type: 'text', text: 'earlier' }] }]);
    const { views, lastRole } = insertPromptMessages(c, origin, [text('user', 'a'), text('assistant', 'b'), text('assistant', 'c')], () => 1);
    expect(c.transcript).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'earlier' },
          { type: 'text', text: 'a' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'b' },
          { type: 'text', text: 'c' },
        ],
      },
    ]);
    expect(views.map((v) => v.role)).toEqual(['user', 'assistant']);
    expect(lastRole).toBe('assistant');
  });

  it('refuses a prompt that would open a conversation with an assistant message', () => {
    expect(() => insertPromptMessages(conversation(), origin, [text('assistant', 'hi')], () => 1)).toThrow(/starts with an assistant message/);
  });
});

describe('attachment blocks', () => {
  it('sends images as images, large text as a document, text-like blobs as text, other blobs as a note', () => {
    expect(contentBlocks('s', { uri: 'x://img', mimeType: 'image/png', blob: 'aGk=' })[1]).toMatchObject({ type: 'image' });
    expect(contentBlocks('s', { uri: 'x://big', text: 'y'.repeat(20_000) })[0]).toMatchObject({
      type: 'document',
      source: { type: 'text', media_type: 'text/plain' },
      title: 'x://big',
    });
    expect(contentBlocks('s', { uri: 'x://json', mimeType: 'application/json', blob: Buffer.from('{"a":1}').toString('base64') })[0]).toMatchObject({
      type: 'text',
      text: expect.stringContaining('{"a":1}'),
    });
    expect(contentBlocks('s', { uri: 'x://zip', mimeType: 'application/gzip', blob: 'AAAA' })[0]).toMatchObject({
      type: 'text',
      text: expect.stringContaining('3 bytes of binary data'),
    });
  });
});
