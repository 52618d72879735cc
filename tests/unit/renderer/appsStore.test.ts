// The renderer's MCP Apps pieces that need no browser: the app's tool-call cards and the saved result
// handed back to an app in MCP's shape.
import { describe, expect, it } from 'vitest';
import type { ToolCallView } from '../../../app/api/views.ts';
import { applyAppToolCall } from '../../../renderer/store/appsSlice.ts';
import { callToolResultOf } from '../../../renderer/features/apps/appResult.ts';

const call = (id: string, status: ToolCallView['status']): ToolCallView => ({
  id,
  apiName: 'probe__add',
  server: 'probe',
  toolName: 'add',
  input: {},
  status,
});

describe('apps in the store', () => {
  it('keeps the latest view of each app call under its parent card, in the order they started', () => {
    let slice = { calls: {} };
    slice = applyAppToolCall(slice, 'parent', call('a', 'awaiting-approval'));
    slice = applyAppToolCall(slice, 'parent', call('b', 'running'));
    slice = applyAppToolCall(slice, 'parent', call('a', 'done'));
    slice = applyAppToolCall(slice, 'other', call('c', 'running'));
    expect(slice.calls).toEqual({ parent: [call('a', 'done'), call('b', 'running')], other: [call('c', 'running')] });
  });

  it('gives the app the saved result back as a CallToolResult: text, images, links, embedded text and structured content', () => {
    expect(
      callToolResultOf({
        isError: true,
        content: [
          { kind: 'text', text: 'hi' },
          { kind: 'image', mimeType: 'image/png', data: 'AAAA' },
          { kind: 'audio', mimeType: 'audio/wav' },
          { kind: 'resource-link', uri: 'https://example.com/a', name: 'a' },
          { kind: 'resource', uri: 'file:///x.txt', text: 'x', mimeType: 'text/plain' },
          { kind: 'resource', uri: 'file:///bin', blobBytes: 3 },
        ],
        structuredContent: { sum: 5 },
      }),
    ).toEqual({
      content: [
        { type: 'text', text: 'hi' },
        { type: 'image', data: 'AAAA', mimeType: 'image/png' },
        { type: 'resource_link', uri: 'https://example.com/a', name: 'a' },
        { type: 'resource', resource: { uri: 'file:///x.txt', text: 'x', mimeType: 'text/plain' } },
      ],
      structuredContent: { sum: 5 },
      isError: true,
    });
    expect(callToolResultOf({ isError: false, content: [], structuredContent: [1, 2] })).toEqual({ content: [] });
  });
});
