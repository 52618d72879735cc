// Tasks saved with their conversations (ToolCallView.task): the ones a previous run of the host left
// running are followed again at start, and their late results delivered into their conversation (the
// card, and the transcript Claude reads on the next turn); the Tasks view lists every running task.
import type { MessageParam, ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { TaskListItemView, ToolCallView } from '../api/views.ts';
import { CallStop } from '../base/callStop.ts';
import type { Clock } from '../base/clock.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { Logger } from '../base/logger.ts';
import type { Conversation } from '../conversations/conversation.ts';
import type { ConversationStore } from '../conversations/conversationStore.ts';
import { sizeOfResult } from '../routing/toolResultContent.ts';
import { mapToolResult } from '../routing/toolResultContent.ts';
import { redactStrings } from '../secrets/index.ts';
import type { ChatSessions } from './chatSessions.ts';
import type { TaskCalls } from './taskCalls.ts';

export interface SavedTasksDeps {
  conversations: ConversationStore;
  tasks: TaskCalls;
  chat: Pick<ChatSessions, 'isBusy' | 'cancel'>;
  events: EventHub;
  logger: Logger;
  clock: Clock;
  redact: (text: string) => string;
}

/** A task still running on its server, as far as the saved card knows. */
function isOpen(call: ToolCallView): boolean {
  const status = call.task?.status;
  return (status === 'working' || status === 'input_required') && !call.task!.events.some((e) => e.kind === 'cancel');
}

export class SavedTasks {
  /** The resumed tasks, by call id: their Stop. */
  private readonly resumed = new Map<string, CallStop>();
  private closing = false;

  constructor(private readonly deps: SavedTasksDeps) {}

  /** At start: every task the last run left open is followed again (in the background). */
  async resumeAll(): Promise<void> {
    for (const c of await this.all()) {
      for (const { messageId, call } of toolCalls(c)) if (isOpen(call)) this.resume(c, messageId, call);
    }
  }

  /** Every running task across conversations: live turns' and resumed ones, newest first. */
  async list(): Promise<TaskListItemView[]> {
    const items: TaskListItemView[] = [];
    for (const c of await this.all()) {
      for (const { call } of toolCalls(c)) {
        if (call.task && isOpen(call) && (call.status === 'running' || this.resumed.has(call.id))) {
          items.push({
            conversationId: c.id,
            conversationTitle: c.title,
            callId: call.id,
            server: call.server,
            toolName: call.toolName,
            task: call.task,
          });
        }
      }
    }
    return items.sort((a, b) => b.task.createdAt - a.task.createdAt);
  }

  /** Stops one task: a resumed one directly, a live one by stopping its turn. */
  cancel(conversationId: string, callId: string): boolean {
    const stop = this.resumed.get(callId);
    if (stop) {
      stop.stop('stopped from the Tasks view');
      return true;
    }
    return this.deps.chat.cancel(conversationId);
  }

  /** The host is closing: resumed tasks stay open on their servers (TaskCalls.close makes their Stop a detach). */
  dispose(): void {
    this.closing = true;
    for (const stop of this.resumed.values()) stop.stop('Switchboard is closing');
  }

  private async all(): Promise<Conversation[]> {
    const { conversations } = this.deps;
    return Promise.all((await conversations.list()).map((s) => conversations.get(s.id)));
  }

  private resume(c: Conversation, messageId: string, saved: ToolCallView): void {
    const { tasks, clock, logger } = this.deps;
    const stop = new CallStop();
    this.resumed.set(saved.id, stop);
    const startedAt = saved.startedAt ?? clock.now();
    this.update(c, messageId, saved.id, { status: 'running' });
    tasks
      .resume(saved.server, saved.toolName, saved.task!, { signal: stop, onTask: (task) => this.update(c, messageId, saved.id, { task }) })
      .then(
        (result) => {
          const mapped = mapToolResult(redactStrings(result, this.deps.redact));
          const first = mapped.view.content.find((x) => x.kind === 'text');
          const sent = sizeOfResult(mapped.content);
          this.update(c, messageId, saved.id, {
            status: mapped.isError ? 'error' : 'done',
            result: mapped.view,
            durationMs: clock.now() - startedAt,
            sent,
            ...(mapped.isError ? { error: first?.kind === 'text' ? first.text.slice(0, 500) : 'The tool reported an error.' } : {}),
          });
          return this.deliver(c, saved, { type: 'tool_result', tool_use_id: saved.id, content: mapped.content, ...(mapped.isError ? { is_error: true } : {}) });
        },
        (error: unknown) => {
          if (this.closing) return;
          const text = this.deps.redact(error instanceof Error ? error.message : String(error));
          const content: ToolResultBlockParam['content'] = [{ type: 'text', text }];
          this.update(c, messageId, saved.id, {
            status: stop.aborted ? 'cancelled' : 'error',
            error: text,
            durationMs: clock.now() - startedAt,
            sent: sizeOfResult(content),
          });
          return this.deliver(c, saved, { type: 'tool_result', tool_use_id: saved.id, content, is_error: true });
        },
      )
      .catch((error: unknown) => logger.error(`Delivering the task of ${saved.toolName} failed: ${String(error)}`))
      .finally(() => this.resumed.delete(saved.id));
  }

  private update(c: Conversation, messageId: string, callId: string, patch: Partial<ToolCallView>): void {
    const message = c.messages.find((m) => m.id === messageId);
    if (message?.role !== 'assistant') return;
    for (const b of message.blocks) {
      if (b.kind !== 'tool' || b.call.id !== callId) continue;
      b.call = { ...b.call, ...patch };
      this.deps.events.emit('chat.event', { type: 'tool.updated', conversationId: c.id, messageId, call: b.call });
    }
    void this.deps.conversations.save(c).catch((error: unknown) => this.deps.logger.warn(`Saving conversation ${c.id} failed: ${String(error)}`));
  }

  /** Into the transcript Claude reads next, once no turn runs there. */
  private async deliver(c: Conversation, call: ToolCallView, result: ToolResultBlockParam): Promise<void> {
    await this.idle(c.id);
    placeLateResult(c.transcript, call, result);
    c.updatedAt = this.deps.clock.now();
    await this.deps.conversations.save(c);
  }

  private idle(conversationId: string): Promise<void> {
    if (!this.deps.chat.isBusy(conversationId)) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.deps.events.on('chat.event', (e) => {
        if (e.type === 'turn.finished' && e.conversationId === conversationId) {
          off();
          resolve();
        }
      });
    });
  }
}

function toolCalls(c: Conversation): { messageId: string; call: ToolCallView }[] {
  return c.messages.flatMap((m) => (m.role === 'assistant' ? m.blocks.flatMap((b) => (b.kind === 'tool' ? [{ messageId: m.id, call: b.call }] : [])) : []));
}

/**
 * Where a late result goes: in answer to its tool_use when nothing answered it yet (the host stopped
 * mid-call) or only a stand-in did and Claude has not replied since; otherwise as a note in the next
 * user message, since Claude already went on without it.
 */
export function placeLateResult(transcript: MessageParam[], call: ToolCallView, result: ToolResultBlockParam): void {
  const last = transcript.at(-1);
  const blocks = last && typeof last.content !== 'string' ? last.content : [];
  if (last?.role === 'assistant' && blocks.some((b) => b.type === 'tool_use' && b.id === call.id)) {
    transcript.push({ role: 'user', content: [result] });
    return;
  }
  const at = last?.role === 'user' ? blocks.findIndex((b) => b.type === 'tool_result' && b.tool_use_id === call.id) : -1;
  if (last && at >= 0) {
    last.content = blocks.map((b, i) => (i === at ? result : b));
    return;
  }
  const text =
    (typeof result.content === 'string' ? result.content : (result.content ?? []).map((b) => (b.type === 'text' ? b.text : `[${b.type}]`)).join('\n')) ||
    '(empty)';
  transcript.push({
    role: 'user',
    content: [
      {
        type: 'text',
        text: `[The call of the tool "${call.toolName}" on the MCP server "${call.server}" (tool_use ${call.id}) was cut short when Switchboard closed; its task went on and has now ${result.is_error ? 'ended with an error' : 'finished'}. Its result:]\n${text}`,
      },
    ],
  });
}
