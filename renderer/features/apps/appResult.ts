// The saved tool result (a view) back in MCP's CallToolResult shape, for `ui/notifications/tool-result`.
import type { AppBridge } from '@modelcontextprotocol/ext-apps/app-bridge';
import type { ResultContentView, ToolResultView } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';

type CallToolResult = Parameters<AppBridge['sendToolResult']>[0];
type Block = CallToolResult['content'][number];

function block(item: ResultContentView): Block | undefined {
  switch (item.kind) {
    case 'text':
      return { type: 'text', text: item.text };
    case 'image':
      return { type: 'image', data: item.data, mimeType: item.mimeType };
    case 'audio':
      return undefined;
    case 'resource-link':
      return { type: 'resource_link', uri: item.uri, name: item.name ?? item.uri, ...(item.mimeType ? { mimeType: item.mimeType } : {}) };
    case 'resource':
      return item.text !== undefined
        ? { type: 'resource', resource: { uri: item.uri, text: item.text, ...(item.mimeType ? { mimeType: item.mimeType } : {}) } }
        : undefined;
    default:
      return assertNever(item);
  }
}

export function callToolResultOf(result: ToolResultView): CallToolResult {
  const structured = result.structuredContent;
  return {
    content: result.content.map(block).filter((b): b is Block => b !== undefined),
    ...(typeof structured === 'object' && structured !== null && !Array.isArray(structured)
      ? { structuredContent: structured as Record<string, unknown> }
      : {}),
    ...(result.isError ? { isError: true } : {}),
  };
}
