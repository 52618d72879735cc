// The MCP Apps slice: loading a tool's app, and the requests its frame makes (tool calls, messages, model context).
// The tool calls an app makes are kept per parent tool card, from `apps.toolCall` events.
import type { AppResourceView, AppToolResult, ToolCallView } from '../../app/api/index.ts';
import type { SliceContext } from './sliceTools.ts';

export interface AppsSlice {
  /** Tool calls made by an app (not Claude), per the tool call whose card shows that app. */
  calls: Record<string, ToolCallView[]>;
}

export const initialApps: AppsSlice = { calls: {} };

export interface AppsActions {
  /** The tool's MCP App, or undefined when it has none; throws with a readable message when it cannot load. */
  loadApp(server: string, tool: string): Promise<AppResourceView | undefined>;
  appCallTool(conversationId: string, parentCallId: string, server: string, tool: string, args: Record<string, unknown>): Promise<AppToolResult>;
  appMessage(conversationId: string, server: string, tool: string, text: string): Promise<void>;
  appUpdateContext(conversationId: string, server: string, tool: string, text: string): Promise<void>;
}

/** Keeps the latest view of each call the app made, in the order they started. */
export function applyAppToolCall(slice: AppsSlice, parentCallId: string, call: ToolCallView): AppsSlice {
  const list = slice.calls[parentCallId] ?? [];
  const at = list.findIndex((c) => c.id === call.id);
  const next = at === -1 ? [...list, call] : list.map((c, i) => (i === at ? call : c));
  return { ...slice, calls: { ...slice.calls, [parentCallId]: next } };
}

export function subscribeApps({ api, set }: SliceContext): (() => void)[] {
  return [api.on('apps.toolCall', ({ parentCallId, call }) => set((st) => ({ apps: applyAppToolCall(st.apps, parentCallId, call) })))];
}

export function appsActions(ctx: SliceContext): AppsActions {
  const { api } = ctx;
  return {
    async loadApp(server, tool): Promise<AppResourceView | undefined> {
      return (await api['apps.resource']({ server, tool })).app;
    },
    async appCallTool(conversationId, parentCallId, server, tool, args): Promise<AppToolResult> {
      return api['apps.callTool']({ conversationId, parentCallId, server, tool, arguments: args });
    },
    async appMessage(conversationId, server, tool, text) {
      // The turn's own events show the message and Claude's answer.
      await api['apps.message']({ conversationId, server, tool, text });
    },
    async appUpdateContext(conversationId, server, tool, text) {
      await api['apps.updateModelContext']({ conversationId, server, tool, text });
    },
  };
}
