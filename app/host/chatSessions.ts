// The turns in flight: at most one per conversation, each cancellable, each saved after every step.
import { randomUUID } from 'node:crypto';
import { HostError } from '../api/errors.ts';
import type { ConversationView, MessageView } from '../api/views.ts';
import type { Conversation } from '../conversations/conversation.ts';
import type { ConversationStore } from '../conversations/conversationStore.ts';
import { createAnthropicClient } from '../llm/anthropicClient.ts';
import { runTurn, type TurnDeps } from '../llm/turnLoop.ts';
import type { ToolRegistry } from '../routing/toolRegistry.ts';
import type { EventHub } from './eventHub.ts';
import type { Clock, Logger } from './hostDeps.ts';
import type { ServersFacade } from './serversFacade.ts';
import type { SettingsStore } from './settingsStore.ts';
import type { ToolApprovals } from './toolApprovals.ts';

interface RunningTurn {
  turnId: string;
  controller: AbortController;
  done: Promise<void>;
}

export interface ChatSessionsDeps {
  conversations: ConversationStore;
  settings: SettingsStore;
  servers: ServersFacade;
  approvals: ToolApprovals;
  events: EventHub;
  logger: Logger;
  clock: Clock;
}

const TITLE_LENGTH = 60;

export class ChatSessions {
  private readonly running = new Map<string, RunningTurn>();

  constructor(private readonly deps: ChatSessionsDeps) {}

  isBusy(conversationId: string): boolean {
    return this.running.has(conversationId);
  }

  view(conversation: Conversation): ConversationView {
    return {
      id: conversation.id,
      title: conversation.title,
      createdAt: conversation.createdAt,
      updatedAt: conversation.updatedAt,
      messageCount: conversation.messages.length,
      messages: conversation.messages,
      busy: this.isBusy(conversation.id),
    };
  }

  async send(conversationId: string, text: string, attachments?: TurnDeps['attachments']): Promise<{ turnId: string }> {
    return this.begin(conversationId, text, attachments);
  }

  /**
   * Inserts messages (an MCP prompt's) into the conversation, saves it and shows them; when the last
   * inserted message is the person's, a turn runs so Claude answers.
   */
  async insert(
    conversationId: string,
    title: string,
    apply: (c: Conversation) => { views: MessageView[]; lastRole: 'user' | 'assistant' | undefined },
  ): Promise<{ inserted: number; turnId?: string }> {
    if (this.running.has(conversationId)) {
      throw new HostError('conflict', 'Claude is still answering in this conversation. Wait for it, or press Stop first.');
    }
    const conversation = await this.deps.conversations.get(conversationId);
    if (conversation.messages.length === 0 && conversation.title === 'New conversation') conversation.title = titleFrom(title);
    const { views, lastRole } = apply(conversation);
    conversation.updatedAt = this.deps.clock.now();
    await this.deps.conversations.save(conversation);
    for (const message of views) this.deps.events.emit('chat.event', { type: 'message.finished', conversationId, message });
    if (lastRole !== 'user') {
      void this.deps.conversations.list().then((conversations) => this.deps.events.emit('conversations.changed', { conversations }));
      return { inserted: views.length };
    }
    return { inserted: views.length, ...(await this.begin(conversationId, undefined)) };
  }

  async retry(conversationId: string): Promise<{ turnId: string }> {
    return this.begin(conversationId, undefined);
  }

  cancel(conversationId: string): boolean {
    const turn = this.running.get(conversationId);
    if (!turn) return false;
    turn.controller.abort();
    return true;
  }

  async dispose(): Promise<void> {
    const turns = [...this.running.values()];
    for (const turn of turns) turn.controller.abort();
    await Promise.allSettled(turns.map((t) => t.done));
  }

  private async begin(conversationId: string, text: string | undefined, attachments?: TurnDeps['attachments']): Promise<{ turnId: string }> {
    if (this.running.has(conversationId)) {
      throw new HostError('conflict', 'Claude is still answering in this conversation. Wait for it, or press Stop first.');
    }
    const conversation = await this.deps.conversations.get(conversationId);
    if (text === undefined && conversation.transcript.length === 0) {
      throw new HostError('conflict', 'There is nothing to retry yet. Send a message first.');
    }
    const turnId = randomUUID();
    const controller = new AbortController();
    const done = this.run(conversation, text, turnId, controller.signal, attachments).finally(() => {
      this.running.delete(conversationId);
      void this.deps.conversations.list().then((conversations) => this.deps.events.emit('conversations.changed', { conversations }));
    });
    this.running.set(conversationId, { turnId, controller, done });
    return { turnId };
  }

  private async run(conversation: Conversation, text: string | undefined, turnId: string, signal: AbortSignal, attachments?: TurnDeps['attachments']): Promise<void> {
    const { conversations, settings, servers, events, logger, clock } = this.deps;
    if (text !== undefined && conversation.messages.length === 0 && conversation.title === 'New conversation') {
      conversation.title = titleFrom(text);
    }
    const llmSettings = await settings.llm();
    const llm = createAnthropicClient({ apiKey: llmSettings.apiKey, baseUrl: llmSettings.baseUrl, logger, now: clock.now });
    // Servers may change while a turn runs: always offer and resolve against the current registry.
    const registry: Pick<ToolRegistry, 'apiTools' | 'resolve'> = {
      apiTools: () => servers.registry().apiTools(),
      resolve: (name) => servers.registry().resolve(name),
    };
    try {
      await runTurn({
        conversation,
        ...(text !== undefined ? { userText: text } : {}),
        ...(attachments ? { attachments } : {}),
        turnId,
        llm,
        model: llmSettings.model,
        maxTokens: llmSettings.maxTokens,
        ...systemPrompt(servers.instructions()),
        registry,
        invoke: servers.invoke,
        approve: ({ call, resolved }, turnSignal, onAwaiting) =>
          this.deps.approvals.check(
            { id: call.id, conversationId: conversation.id, serverName: resolved.serverName, toolName: resolved.toolName, input: call.input, tool: resolved.tool },
            turnSignal,
            onAwaiting,
          ),
        signal,
        emit: (event) => events.emit('chat.event', event),
        onStep: async (c) => {
          c.updatedAt = clock.now();
          await conversations.save(c);
        },
        now: clock.now,
        logger,
      });
    } catch (error) {
      logger.error(`The turn in conversation ${conversation.id} failed: ${(error as Error).stack ?? String(error)}`);
      events.emit('chat.event', {
        type: 'turn.finished',
        conversationId: conversation.id,
        turnId,
        outcome: 'error',
        error: { kind: 'unknown', message: `Switchboard hit an internal error: ${(error as Error).message}` },
      });
    } finally {
      await conversations.save(conversation);
    }
  }
}

/** Server instructions, each labelled with the server it came from, so the model knows whose words they are. */
export function systemPrompt(instructions: { serverName: string; text: string }[]): { system?: string } {
  if (instructions.length === 0) return {};
  const parts = instructions.map(
    ({ serverName, text }) => `<server_instructions server="${serverName}">\n${text}\n</server_instructions>`,
  );
  return {
    system:
      'You are connected to MCP servers through Switchboard. Their tools are named `<server>__<tool>`. ' +
      'Some servers gave instructions for using their tools; they come from the server, not from the person:\n\n' +
      parts.join('\n\n'),
  };
}

function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= TITLE_LENGTH ? line : `${line.slice(0, TITLE_LENGTH - 1)}…`;
}
