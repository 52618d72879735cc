// The tool calls an app made, saved with the conversation on the card of the call that shows the app,
// so they are still there (read-only) after a reload. Each finished call is written once.
import type { ToolCallView } from '../api/views.ts';
import type { Conversation } from '../conversations/conversation.ts';
import type { ConversationStore } from '../conversations/conversationStore.ts';
import type { Logger } from '../base/logger.ts';

const MAX_SAVED_PER_CARD = 50;

export class AppCallRecord {
  constructor(
    private readonly conversations: Pick<ConversationStore, 'get' | 'save'>,
    private readonly logger: Logger,
  ) {}

  /** Saves a finished app call under its parent card; a parent that is not in the conversation is skipped. */
  async save(conversationId: string, parentCallId: string, call: ToolCallView): Promise<void> {
    try {
      const conversation = await this.conversations.get(conversationId);
      const parent = findCall(conversation, parentCallId);
      if (!parent) return;
      const list = (parent.appCalls ?? []).filter((c) => c.id !== call.id);
      parent.appCalls = [...list, call].slice(-MAX_SAVED_PER_CARD);
      await this.conversations.save(conversation);
    } catch (error) {
      this.logger.warn(`Could not save an app's tool call in conversation ${conversationId}: ${String(error)}`);
    }
  }
}

function findCall(conversation: Conversation, id: string): ToolCallView | undefined {
  for (let i = conversation.messages.length - 1; i >= 0; i--) {
    const message = conversation.messages[i]!;
    if (message.role !== 'assistant') continue;
    for (const block of message.blocks) if (block.kind === 'tool' && block.call.id === id) return block.call;
  }
  return undefined;
}
