// The contract's conversation and chat methods. A person's message goes straight to the chat: the
// context apps left for this conversation (if any) rides along as attachments and is then forgotten.
import { HostError } from '../api/errors.ts';
import type { AppModelContext } from '../apps/appModelContext.ts';
import { mergeAttachments } from '../apps/appModelContext.ts';
import { summarize, type ConversationStore } from '../conversations/conversationStore.ts';
import { prepareAttachments } from '../protocol/resourceAttachments.ts';
import type { Resources } from '../protocol/resources.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { ChatSessions } from './chatSessions.ts';
import type { Handlers } from './hostService.ts';

type ConversationMethod =
  | 'conversations.list'
  | 'conversations.search'
  | 'conversations.get'
  | 'conversations.create'
  | 'conversations.rename'
  | 'conversations.delete'
  | 'chat.send'
  | 'chat.cancel'
  | 'chat.retry';

export interface ConversationHandlerDeps {
  conversations: ConversationStore;
  chat: ChatSessions;
  appContext: Pick<AppModelContext, 'pending' | 'forget'>;
  resources: Resources;
  events: EventHub;
}

/** Tells every window the list of conversations changed. */
export async function conversationsChanged(conversations: ConversationStore, events: EventHub): Promise<void> {
  events.emit('conversations.changed', { conversations: await conversations.list() });
}

export function conversationHandlers({ conversations, chat, appContext, resources, events }: ConversationHandlerDeps): Pick<Handlers, ConversationMethod> {
  const changed = () => conversationsChanged(conversations, events);
  return {
    'conversations.list': async () => conversations.list(),
    'conversations.search': async (p) => conversations.search(p.query),
    'conversations.get': async (p) => chat.view(await conversations.get(p.id)),
    'conversations.create': async (p) => {
      const created = summarize(await conversations.create(p.title));
      await changed();
      return created;
    },
    'conversations.rename': async (p) => {
      const renamed = summarize(await conversations.rename(p.id, p.title));
      await changed();
      return renamed;
    },
    'conversations.delete': async (p) => {
      if (chat.isBusy(p.id)) {
        throw new HostError('conflict', 'This conversation is still answering. Stop it first, then delete it.');
      }
      await conversations.delete(p.id);
      await changed();
      return { deleted: p.id };
    },
    'chat.send': async (p) => {
      const typed = p.attachments?.length ? await prepareAttachments(resources, p.attachments) : undefined;
      const attachments = mergeAttachments(typed, appContext.pending(p.conversationId));
      const result = await chat.send(p.conversationId, p.text, {
        ...(p.overToolBudget ? { overToolBudget: p.overToolBudget } : {}),
        ...(attachments ? { attachments } : {}),
      });
      appContext.forget(p.conversationId);
      return result;
    },
    'chat.cancel': async (p) => ({ cancelled: chat.cancel(p.conversationId) }),
    'chat.retry': async (p) => chat.retry(p.conversationId, p.overToolBudget ? { overToolBudget: p.overToolBudget } : {}),
  };
}
