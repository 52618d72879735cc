// One assistant message while it streams: its MessageView for people, and its blocks for the transcript.
import { pendingCallView } from '../routing/toolCaller.ts';
import type { ContentBlock, ContentBlockParam, Message } from '@anthropic-ai/sdk/resources/messages';
import type { AssistantStatus, ChatEvent, MessageView, ToolCallView, UsageView } from '../api/views.ts';
import type { ToolRegistry } from '../routing/toolRegistry.ts';

export type AssistantView = Extract<MessageView, { role: 'assistant' }>;

export class AssistantDraft {
  readonly view: AssistantView;
  private readonly viewIndex = new Map<number, number>();
  private readonly blocks = new Map<number, ContentBlock>();

  constructor(
    id: string,
    model: string,
    createdAt: number,
    private readonly conversationId: string,
    private readonly registry: Pick<ToolRegistry, 'resolve'>,
    private readonly emit: (event: ChatEvent) => void,
  ) {
    this.view = { role: 'assistant', id, createdAt, model, status: 'streaming', blocks: [] };
  }

  blockStart(index: number, block: ContentBlock): void {
    this.blocks.set(index, block.type === 'text' ? { ...block, text: block.text ?? '' } : block);
    if (block.type === 'text') {
      this.viewIndex.set(index, this.view.blocks.push({ kind: 'text', text: block.text ?? '' }) - 1);
    } else if (block.type === 'tool_use') {
      const call = pendingCallView({ id: block.id, name: block.name, input: {} }, this.registry);
      this.viewIndex.set(index, this.view.blocks.push({ kind: 'tool', call }) - 1);
    }
  }

  text(index: number, text: string): void {
    const block = this.blocks.get(index);
    const at = this.viewIndex.get(index);
    if (block?.type !== 'text' || at === undefined) return;
    block.text += text;
    const viewBlock = this.view.blocks[at];
    if (viewBlock?.kind === 'text') viewBlock.text += text;
    this.emit({ type: 'text.delta', conversationId: this.conversationId, messageId: this.view.id, blockIndex: at, text });
  }

  blockStop(index: number, block: ContentBlock): void {
    this.blocks.set(index, block);
    if (block.type === 'tool_use') this.updateCall(block.id, { input: block.input });
  }

  /** Replaces a tool call's view (by tool_use id) and emits tool.updated. */
  updateCall(id: string, patch: Partial<ToolCallView>): void {
    for (const b of this.view.blocks) {
      if (b.kind === 'tool' && b.call.id === id) {
        b.call = { ...b.call, ...patch };
        this.emit({ type: 'tool.updated', conversationId: this.conversationId, messageId: this.view.id, call: b.call });
      }
    }
  }

  /** Marks every tool call that never ran (pending) with a status and reason. */
  settlePendingCalls(status: 'error' | 'cancelled', reason: string): void {
    for (const b of this.view.blocks) if (b.kind === 'tool' && b.call.status === 'pending') this.updateCall(b.call.id, { status, error: reason });
  }

  finish(status: AssistantStatus, extra: { stopReason?: string; usage?: UsageView } = {}): void {
    this.view.status = status;
    if (extra.stopReason) this.view.stopReason = extra.stopReason;
    if (extra.usage) this.view.usage = extra.usage;
    this.emit({ type: 'message.finished', conversationId: this.conversationId, message: structuredClone(this.view) });
  }

  /** Text that arrived before a failure, for the transcript (tool_use blocks are left out: they never ran). */
  partialContent(): ContentBlockParam[] {
    return [...this.blocks.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([, b]) => (b.type === 'text' && b.text.trim() !== '' ? [{ type: 'text' as const, text: b.text }] : []));
  }
}

/** A final message's blocks as transcript params: text and (unless dropped) tool_use; other kinds are left out. */
export function transcriptContent(message: Message, keepToolUse: boolean): ContentBlockParam[] {
  const out: ContentBlockParam[] = [];
  for (const b of message.content) {
    if (b.type === 'text' && b.text.trim() !== '') out.push({ type: 'text', text: b.text });
    else if (b.type === 'tool_use' && keepToolUse) out.push({ type: 'tool_use', id: b.id, name: b.name, input: b.input ?? {} });
  }
  return out;
}

export function usageOf(message: Message): UsageView {
  return {
    inputTokens: message.usage.input_tokens ?? 0,
    outputTokens: message.usage.output_tokens ?? 0,
    cacheReadInputTokens: message.usage.cache_read_input_tokens ?? 0,
    cacheCreationInputTokens: message.usage.cache_creation_input_tokens ?? 0,
  };
}

export function addUsage(a: UsageView, b: UsageView): UsageView {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadInputTokens: a.cacheReadInputTokens + b.cacheReadInputTokens,
    cacheCreationInputTokens: a.cacheCreationInputTokens + b.cacheCreationInputTokens,
  };
}
