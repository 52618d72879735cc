// Short automatic titles: after a conversation's first answer, one cheap request to a small model.
// The first words of the first message stay when there is no key, the request fails, or the person
// renamed the conversation meanwhile.
import type { Conversation } from '../conversations/conversation.ts';
import type { ConversationStore } from '../conversations/conversationStore.ts';
import type { LlmClient } from '../llm/llmClient.ts';
import { titleFromReply, titleRequest } from '../llm/titleRequest.ts';
import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';

/** A title request that takes longer than this is dropped: the first words are a fine title. */
const TITLE_TIMEOUT_MS = 30_000;

export interface AutoTitlesDeps {
  conversations: ConversationStore;
  /** The client and small model to use, or undefined when there is no API key. */
  llm: () => { client: LlmClient; model: string } | undefined;
  /** The conversation list changed (a new title): tell the windows. */
  announce: () => void;
  logger: Logger;
  clock: Clock;
}

export class AutoTitles {
  private readonly inFlight = new Map<string, AbortController>();

  constructor(private readonly deps: AutoTitlesDeps) {}

  /** Whether a finished turn should be followed by a title request: only the first answer, only a first-words title. */
  static wanted(conversation: Conversation): boolean {
    if (conversation.titleBy !== 'first-words') return false;
    const asked = conversation.messages.filter((m) => m.role === 'user').length;
    const answered = conversation.messages.some((m) => m.role === 'assistant' && m.blocks.some((b) => b.kind === 'text' && b.text.trim() !== ''));
    return asked === 1 && answered;
  }

  /** Asks for a title in the background; resolves when it is saved or given up (never rejects). */
  async afterFirstAnswer(conversation: Conversation): Promise<void> {
    if (!AutoTitles.wanted(conversation) || this.inFlight.has(conversation.id)) return;
    const llm = this.deps.llm();
    if (!llm) return;
    const request = titleRequest(conversation.messages, llm.model);
    if (!request) return;
    const controller = new AbortController();
    const timer = this.deps.clock.setTimeout(() => controller.abort(), TITLE_TIMEOUT_MS);
    this.inFlight.set(conversation.id, controller);
    try {
      const title = titleFromReply(await llm.client.stream(request, { signal: controller.signal }));
      // The person may have renamed it, or deleted it, while the request ran.
      if (!title || conversation.titleBy !== 'first-words') return;
      const current = await this.deps.conversations.get(conversation.id).catch(() => undefined);
      if (current !== conversation) return;
      conversation.title = title;
      conversation.titleBy = 'claude';
      await this.deps.conversations.save(conversation);
      this.deps.announce();
    } catch (error) {
      this.deps.logger.warn(`A short title for conversation ${conversation.id} could not be made; it keeps its first words. ${(error as Error).message}`);
    } finally {
      timer.cancel();
      this.inFlight.delete(conversation.id);
    }
  }

  /** Stops every title request in flight. */
  dispose(): void {
    for (const c of this.inFlight.values()) c.abort();
    this.inFlight.clear();
  }
}
