// The contract's handlers for MCP Apps: a tool's UI resource, and the requests its app makes
// (tools/call to its own server, ui/message, ui/update-model-context). The frame itself lives in the renderer.
import type { Handlers } from './hostService.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { ChatSessions, TurnOptions } from './chatSessions.ts';
import type { ServerTools } from './serverTools.ts';
import type { ToolApprovals } from '../safety/toolApprovals.ts';
import type { ToolCallDeps } from '../routing/toolCall.ts';
import type { Resources } from '../protocol/resources.ts';
import type { AppModelContext } from '../apps/appModelContext.ts';
import { AppResources } from '../apps/appResources.ts';
import { AppToolCalls } from '../apps/appToolCalls.ts';
import { AppCallRecord } from '../apps/appCallRecord.ts';
import type { ConversationStore } from '../conversations/conversationStore.ts';
import type { Logger } from '../base/logger.ts';
import type { Redactor } from '../secrets/index.ts';

export type AppMethod = 'apps.resource' | 'apps.callTool' | 'apps.message' | 'apps.updateModelContext';

export interface AppsDeps {
  servers: Pick<ServerTools, 'registry'>;
  /** Where an app's calls go, and how their URL steps are shown: as for Claude's. */
  calls: Pick<ToolCallDeps, 'servers' | 'urlSteps' | 'clock'>;
  approvals: Pick<ToolApprovals, 'check'>;
  chat: Pick<ChatSessions, 'send'>;
  resources: Pick<Resources, 'read'>;
  events: EventHub;
  conversations: Pick<ConversationStore, 'get' | 'save'>;
  logger: Logger;
  now: () => number;
  /** What apps asked Claude to know; the host attaches it to the person's next message (conversationHandlers.ts). */
  context: AppModelContext;
  /** The host's redactor: an app call's raw JSON-RPC view, and the whole call when it is saved, carry masks, never secrets. */
  redactor: Pick<Redactor, 'redact' | 'redactDeep'>;
}

export interface Apps {
  handlers: Pick<Handlers, AppMethod>;
  dispose(): void;
}

export function createApps(deps: AppsDeps): Apps {
  const { servers, events } = deps;
  const entryOf = (server: string, tool: string) =>
    servers
      .registry()
      .entriesFor(server)
      .find((e) => e.tool.name === tool);
  const resources = new AppResources({ resources: deps.resources, toolOf: (s, t) => entryOf(s, t)?.tool, events });
  const { context } = deps;
  const record = new AppCallRecord(deps.conversations, deps.logger);
  const calls = new AppToolCalls({
    entryOf,
    ...deps.calls,
    approvals: deps.approvals,
    onUpdate: (conversationId, parentCallId, call) => {
      events.emit('apps.toolCall', { conversationId, parentCallId, call });
      if (call.status === 'done' || call.status === 'error' || call.status === 'cancelled')
        void record.save(conversationId, parentCallId, deps.redactor.redactDeep(call));
    },
    now: deps.now,
    redact: (text) => deps.redactor.redact(text),
    accountOf: async (conversationId, server) => (await deps.conversations.get(conversationId)).accounts?.[server],
  });

  /** An app's message goes out with the apps' pending context attached (and then forgets that context). */
  const send = async (conversationId: string, text: string, opts: Omit<TurnOptions, 'attachments'>): Promise<{ turnId: string }> => {
    const merged = context.pending(conversationId);
    const result = await deps.chat.send(conversationId, text, { ...opts, ...(merged ? { attachments: merged } : {}) });
    context.forget(conversationId);
    return result;
  };

  return {
    handlers: {
      'apps.resource': async (p) => {
        const app = await resources.forTool(p.server, p.tool);
        return app ? { app } : {};
      },
      'apps.callTool': async (p) => calls.call(p),
      'apps.message': async (p) => send(p.conversationId, p.text, { fromApp: { server: p.server, tool: p.tool } }),
      'apps.updateModelContext': async (p) => {
        const uri = resources.uriOf(p.server, p.tool) ?? `ui://${p.server}/${p.tool}`;
        context.set(p.conversationId, { server: p.server, tool: p.tool, uri, text: p.text });
        return { updated: true };
      },
    },
    dispose() {
      calls.dispose();
      resources.dispose();
    },
  };
}
