// Conversation files written before the server key was called `server` hold it as `serverName` in
// their tool calls (and an app's calls under them) and in the tools a tool search found. Reading
// takes either; the conversation is written back with `server`.
import type { MessageView, ToolCallView } from '../api/views.ts';

type Saved = Record<string, unknown>;

const isRecord = (v: unknown): v is Saved => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{ serverName }` becomes `{ server }`; anything else is returned as it is. */
function renamed(value: unknown): unknown {
  if (!isRecord(value) || !('serverName' in value) || 'server' in value) return value;
  const { serverName, ...rest } = value;
  return { ...rest, server: serverName };
}

function upgradeCall(value: unknown): unknown {
  const call = renamed(value);
  if (!isRecord(call) || !Array.isArray(call.appCalls)) return call;
  return { ...call, appCalls: call.appCalls.map(upgradeCall) };
}

function upgradeMessage(message: MessageView): MessageView {
  if (message.role !== 'assistant') return message;
  const blocks = Array.isArray(message.blocks)
    ? message.blocks.map((b) => (b.kind === 'tool' && isRecord(b.call) ? { ...b, call: upgradeCall(b.call) as ToolCallView } : b))
    : message.blocks;
  const searches = message.tools?.searches;
  const tools =
    message.tools && Array.isArray(searches)
      ? {
          ...message.tools,
          searches: searches.map((s) => (Array.isArray(s.found) ? { ...s, found: s.found.map((f) => renamed(f) as (typeof s.found)[number]) } : s)),
        }
      : message.tools;
  return { ...message, blocks, ...(tools ? { tools } : {}) };
}

/** The messages of a saved conversation with every server key under its current name. */
export function upgradeSavedMessages(messages: MessageView[]): MessageView[] {
  return messages.map(upgradeMessage);
}
