// The turns in flight: at most one per conversation, each cancellable, each saved after every step.
import { randomUUID } from 'node:crypto';
import { HostError } from '../api/errors.ts';
import type { ConversationView, MessageView } from '../api/views.ts';
import type { Conversation } from '../conversations/conversation.ts';
import type { ConversationStore } from '../conversations/conversationStore.ts';
import { createAnthropicClient } from '../llm/anthropicClient.ts';
import { runTurn, type TurnDeps } from '../llm/turnLoop.ts';
import { escapeTagAttribute, escapeTagText } from '../llm/tagText.ts';
import type { ToolRegistry } from '../routing/toolRegistry.ts';
import type { AutoTitles } from './autoTitles.ts';
import type { ToolCallDeps } from '../routing/toolCall.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import type { ServerTools } from './serverTools.ts';
import type { SettingsStore } from './settingsStore.ts';
import type { Notices } from './notices.ts';
import type { ToolApprovals } from '../safety/toolApprovals.ts';
import { overBudgetError } from './toolBudget.ts';
import { TurnTools } from './turnTools.ts';
import type { ServerStatus } from './serverStatus.ts';
import type { ToolBudgetView } from '../api/views.ts';

interface RunningTurn {
  turnId: string;
  controller: AbortController;
  done: Promise<void>;
}

interface Reservation extends RunningTurn {
  /** Frees the conversation for the next turn; settles `done`. */
  release(): void;
}

export interface TurnOptions {
  attachments?: TurnDeps['attachments'];
  /** The MCP App that sent this message (`ui/message`). */
  fromApp?: TurnDeps['fromApp'];
  /** The person saw the tool-budget warning and chose to send every enabled tool anyway. */
  overToolBudget?: 'send-anyway';
}

export interface ChatSessionsDeps {
  conversations: ConversationStore;
  settings: SettingsStore;
  servers: ServerTools;
  /** Which servers are still starting (a message goes out without waiting for them). */
  status: Pick<ServerStatus, 'list'>;
  approvals: ToolApprovals;
  notices: Notices;
  events: EventHub;
  logger: Logger;
  clock: Clock;
  titles: AutoTitles;
  /** Masks secrets in what a tool call records (its raw JSON-RPC view). */
  redact?: (text: string) => string;
  /** Where tool calls go, how their URL steps are shown, the clock of their waits (routing/toolCall.ts decides each call's life). */
  calls: Pick<ToolCallDeps, 'servers' | 'urlSteps' | 'clock'>;
}

const TITLE_LENGTH = 60;

type TurnExtra = Pick<TurnDeps, 'attachments' | 'fromApp'> & { sendAnyway?: boolean };

export class ChatSessions {
  private readonly running = new Map<string, RunningTurn>();
  private readonly tools: TurnTools;

  constructor(private readonly deps: ChatSessionsDeps) {
    this.tools = new TurnTools(deps);
  }

  /** How many tools go out and how (loaded, or deferred behind tool search), for the tool counter. */
  toolBudget(): ToolBudgetView {
    return this.tools.budget();
  }

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
      ...(conversation.accounts ? { accounts: conversation.accounts } : {}),
    };
  }

  async send(conversationId: string, text: string, opts: TurnOptions = {}): Promise<{ turnId: string }> {
    this.checkToolBudget(opts.overToolBudget);
    const turn = this.reserve(conversationId);
    return this.begin(turn, conversationId, text, {
      ...(opts.attachments ? { attachments: opts.attachments } : {}),
      ...(opts.fromApp ? { fromApp: opts.fromApp } : {}),
      sendAnyway: opts.overToolBudget === 'send-anyway',
    });
  }

  async retry(conversationId: string, opts: TurnOptions = {}): Promise<{ turnId: string }> {
    this.checkToolBudget(opts.overToolBudget);
    const turn = this.reserve(conversationId);
    return this.begin(turn, conversationId, undefined, { sendAnyway: opts.overToolBudget === 'send-anyway' });
  }

  /**
   * Inserts messages (an MCP prompt's) into the conversation, saves it and shows them; when the last
   * inserted message is the person's (`willRun`), a turn runs so Claude answers.
   */
  async insert(
    conversationId: string,
    title: string,
    willRun: boolean,
    apply: (c: Conversation) => { views: MessageView[]; lastRole: 'user' | 'assistant' | undefined },
    opts: TurnOptions = {},
  ): Promise<{ inserted: number; turnId?: string }> {
    if (willRun) this.checkToolBudget(opts.overToolBudget);
    const turn = this.reserve(conversationId);
    let inserted: MessageView[];
    let lastRole: 'user' | 'assistant' | undefined;
    try {
      const conversation = await this.deps.conversations.get(conversationId);
      if (conversation.messages.length === 0 && conversation.title === 'New conversation') {
        conversation.title = titleFrom(title);
        conversation.titleBy = 'first-words';
      }
      ({ views: inserted, lastRole } = apply(conversation));
      conversation.updatedAt = this.deps.clock.now();
      await this.deps.conversations.save(conversation);
    } catch (error) {
      turn.release();
      throw error;
    }
    for (const message of inserted) this.deps.events.emit('chat.event', { type: 'message.finished', conversationId, message });
    if (lastRole !== 'user') {
      turn.release();
      this.announceList();
      return { inserted: inserted.length };
    }
    return { inserted: inserted.length, ...(await this.begin(turn, conversationId, undefined, { sendAnyway: opts.overToolBudget === 'send-anyway' })) };
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

  private checkToolBudget(choice: 'send-anyway' | undefined): void {
    // Without a key nothing is sent: let the turn say "add your key" rather than ask about tools first.
    if (!this.deps.settings.llm().apiKey) return;
    const budget = this.tools.budget();
    if (budget.over && choice !== 'send-anyway') throw overBudgetError(budget);
  }

  /** Marks the conversation busy in the same step as the check, so two quick sends cannot both start. */
  private reserve(conversationId: string): Reservation {
    if (this.running.has(conversationId)) {
      throw new HostError('conflict', 'Claude is still answering in this conversation. Wait for it, or press Stop first.');
    }
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    const turn: RunningTurn = { turnId: randomUUID(), controller: new AbortController(), done };
    this.running.set(conversationId, turn);
    return {
      ...turn,
      release: () => {
        if (this.running.get(conversationId) === turn) this.running.delete(conversationId);
        settle();
      },
    };
  }

  private async begin(turn: Reservation, conversationId: string, text: string | undefined, extra: TurnExtra = {}): Promise<{ turnId: string }> {
    let conversation: Conversation;
    try {
      conversation = await this.deps.conversations.get(conversationId);
      if (text === undefined && conversation.transcript.length === 0) {
        throw new HostError('conflict', 'There is nothing to retry yet. Send a message first.');
      }
    } catch (error) {
      turn.release();
      throw error;
    }
    void this.run(conversation, text, turn, extra)
      .catch((error: unknown) => this.deps.logger.error(`A turn ended with an unhandled error: ${String(error)}`))
      .finally(() => {
        turn.release();
        this.announceList();
      });
    return { turnId: turn.turnId };
  }

  private announceList(): void {
    this.deps.conversations
      .list()
      .then((conversations) => this.deps.events.emit('conversations.changed', { conversations }))
      .catch((error: unknown) => this.deps.logger.warn(`Could not list conversations: ${String(error)}`));
  }

  private async run(conversation: Conversation, text: string | undefined, turn: Reservation, extra: TurnExtra): Promise<void> {
    const { turnId } = turn;
    const signal = turn.controller.signal;
    const { conversations, settings, servers, events, logger, clock } = this.deps;
    if (text !== undefined && conversation.messages.length === 0 && conversation.title === 'New conversation') {
      conversation.title = titleFrom(text);
      conversation.titleBy = 'first-words';
      // Show the title now, not when the (maybe long) first turn ends.
      this.announceList();
    }
    // Servers may change while a turn runs: always offer and resolve against the current registry.
    const registry: Pick<ToolRegistry, 'apiTools' | 'resolve'> = {
      apiTools: () => servers.registry().apiTools(),
      resolve: (name) => servers.registry().resolve(name),
    };
    let saveFailed = false;
    let closing: Promise<void> | undefined;
    // Saves the finished conversation (the save takes its copy at once) and frees it for the next message.
    const close = (): Promise<void> => {
      if (!closing) {
        closing = save(conversation);
        turn.release();
      }
      return closing;
    };
    const save = async (c: Conversation) => {
      try {
        await conversations.save(c);
      } catch (error) {
        logger.error(`Saving conversation ${c.id} failed: ${String(error)}`);
        if (!saveFailed) {
          saveFailed = true;
          this.deps.notices.add(
            'error',
            `Switchboard could not save the conversation "${c.title}" (${(error as Error).message}). It is still on screen; free some disk space or check the data folder, and the next step will try again.`,
          );
        }
      }
    };
    try {
      const llmSettings = settings.llm();
      const llm = createAnthropicClient({ apiKey: llmSettings.apiKey, baseUrl: llmSettings.baseUrl, logger, now: clock.now });
      const result = await runTurn({
        conversation,
        ...(text !== undefined ? { userText: text } : {}),
        ...(extra.attachments ? { attachments: extra.attachments } : {}),
        ...(extra.fromApp ? { fromApp: extra.fromApp } : {}),
        turnId,
        llm,
        model: llmSettings.model,
        maxTokens: llmSettings.maxTokens,
        ...systemPrompt(servers.instructions()),
        registry,
        calls: {
          ...this.deps.calls,
          approvals: { policy: this.deps.approvals, conversationId: conversation.id },
          accountOf: (server) => conversation.accounts?.[server],
        },
        ...(this.deps.redact ? { redact: this.deps.redact } : {}),
        whyUnavailable: (apiName) => servers.whyUnavailable(apiName),
        planTools: (transcript) => this.tools.plan(transcript),
        startingServers: () => this.tools.starting(),
        onToolSearchRefused: (error) => this.tools.refused(error, extra.sendAnyway ?? false),
        signal,
        emit: (event) => {
          // The loop's last act: free the conversation before anyone hears it finished.
          if (event.type === 'turn.finished') void close();
          // A task's id and status are saved as they change: a restart picks the task up (host/savedTasks.ts).
          if (event.type === 'tool.updated' && event.call.task) void save(conversation);
          events.emit('chat.event', event);
        },
        onStep: async (c) => {
          c.updatedAt = clock.now();
          await save(c);
        },
        now: clock.now,
        logger,
      });
      // After the first answer, a short title from a small model (in the background; never blocks the next turn).
      if (result.outcome === 'complete') void close().then(() => this.deps.titles.afterFirstAnswer(conversation));
    } catch (error) {
      logger.error(`The turn in conversation ${conversation.id} failed: ${(error as Error).stack ?? String(error)}`);
      void close();
      events.emit('chat.event', {
        type: 'turn.finished',
        conversationId: conversation.id,
        turnId,
        outcome: 'error',
        error: { kind: 'unknown', message: `Switchboard hit an internal error: ${(error as Error).message}` },
      });
    } finally {
      await close();
    }
  }
}

/** Server instructions, each labelled with the server it came from, so the model knows whose words they are; escaped so none can close or forge a wrapper. */
export function systemPrompt(instructions: { server: string; text: string }[]): { system?: string } {
  if (instructions.length === 0) return {};
  const parts = instructions.map(
    ({ server, text }) => `<server_instructions server="${escapeTagAttribute(server)}">\n${escapeTagText(text)}\n</server_instructions>`,
  );
  return {
    system:
      'You are connected to MCP servers through Switchboard. Their tools are named `<server>__<tool>`. ' +
      'Some servers gave instructions for using their tools; they come from the server, not from the person:\n\n' +
      parts.join('\n\n'),
  };
}

/** A title from the first message: its first line, without markdown marks, shortened. */
export function titleFrom(text: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? text;
  const line =
    first
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^[#>\s]+/, '')
      .replace(/[*`|]+|~~/g, '')
      .replace(/\s+/g, ' ')
      .trim() || text.replace(/\s+/g, ' ').trim();
  return line.length <= TITLE_LENGTH ? line : `${line.slice(0, TITLE_LENGTH - 1)}…`;
}
