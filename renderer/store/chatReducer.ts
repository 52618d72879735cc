// Pure functions that apply one ChatEvent to a conversation. The store calls them; tests call them directly.
import type { AssistantBlockView, ChatEvent, ConversationView, MessageView, ToolCallView } from '../../app/api/index.ts';
import { assertNever } from '../../app/api/errors.ts';

type AssistantMessage = Extract<MessageView, { role: 'assistant' }>;

function indexOfMessage(messages: MessageView[], id: string): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.id === id) return i;
  return -1;
}

function upsertMessage(messages: MessageView[], message: MessageView): MessageView[] {
  const at = indexOfMessage(messages, message.id);
  if (at === -1) return [...messages, message];
  const next = messages.slice();
  next[at] = message;
  return next;
}

function updateAssistant(messages: MessageView[], id: string, change: (m: AssistantMessage) => AssistantMessage): MessageView[] {
  const at = indexOfMessage(messages, id);
  const current = at === -1 ? undefined : messages[at];
  if (!current || current.role !== 'assistant') return messages;
  const next = messages.slice();
  next[at] = change(current);
  return next;
}

export function appendText(blocks: AssistantBlockView[], blockIndex: number, text: string): AssistantBlockView[] {
  const next = blocks.slice();
  const target = next[blockIndex];
  if (target?.kind === 'text') {
    next[blockIndex] = { kind: 'text', text: target.text + text };
    return next;
  }
  if (target === undefined && blockIndex >= next.length) {
    while (next.length < blockIndex) next.push({ kind: 'text', text: '' });
    next.push({ kind: 'text', text });
    return next;
  }
  const last = next[next.length - 1];
  if (last?.kind === 'text') next[next.length - 1] = { kind: 'text', text: last.text + text };
  else next.push({ kind: 'text', text });
  return next;
}

export function upsertToolBlock(blocks: AssistantBlockView[], call: ToolCallView): AssistantBlockView[] {
  const at = blocks.findIndex((b) => b.kind === 'tool' && b.call.id === call.id);
  const next = blocks.slice();
  if (at === -1) next.push({ kind: 'tool', call });
  else next[at] = { kind: 'tool', call };
  return next;
}

/** Applies one event. Returns the same object when nothing changed, so selectors stay quiet. */
export function applyChatEvent(conversation: ConversationView, event: ChatEvent): ConversationView {
  switch (event.type) {
    case 'turn.started': {
      const messages = event.userMessage ? upsertMessage(conversation.messages, event.userMessage) : conversation.messages;
      return { ...conversation, busy: true, messages };
    }
    case 'message.started':
    case 'message.finished':
      return { ...conversation, messages: upsertMessage(conversation.messages, event.message) };
    case 'text.delta': {
      const messages = updateAssistant(conversation.messages, event.messageId, (m) => ({
        ...m,
        blocks: appendText(m.blocks, event.blockIndex, event.text),
      }));
      return messages === conversation.messages ? conversation : { ...conversation, messages };
    }
    case 'tool.updated': {
      const messages = updateAssistant(conversation.messages, event.messageId, (m) => ({
        ...m,
        blocks: upsertToolBlock(m.blocks, event.call),
      }));
      return messages === conversation.messages ? conversation : { ...conversation, messages };
    }
    case 'turn.retrying':
      return conversation;
    case 'turn.finished': {
      const finalStatus = event.outcome === 'cancelled' ? 'cancelled' : event.outcome === 'error' ? 'error' : 'complete';
      const messages = conversation.messages.map((m) =>
        m.role === 'assistant' && m.status === 'streaming' ? { ...m, status: finalStatus as AssistantMessage['status'] } : m,
      );
      const changed = messages.some((m, i) => m !== conversation.messages[i]);
      return { ...conversation, busy: false, messages: changed ? messages : conversation.messages };
    }
    default:
      return assertNever(event);
  }
}

/** Whether the last turn's error is already shown on its assistant message. */
export function lastAssistantHasError(conversation: ConversationView): boolean {
  const last = conversation.messages[conversation.messages.length - 1];
  return last?.role === 'assistant' && last.error !== undefined;
}
