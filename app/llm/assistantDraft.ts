// One assistant message while it streams: its MessageView for people, and its blocks for the transcript.
import { pendingCallView } from '../routing/toolCall.ts';
import type { ContentBlock, ContentBlockParam, Message } from '@anthropic-ai/sdk/resources/messages';
import type { AssistantStatus, ChatEvent, MessageView, RequestToolsView, ToolCallView, ToolSearchView, UsageView } from '../api/views.ts';
import type { ToolRegistry } from '../routing/toolRegistry.ts';

export type AssistantView = Extract<MessageView, { role: 'assistant' }>;

export class AssistantDraft {
  readonly view: AssistantView;
  private readonly viewIndex = new Map<number, number>();
  private readonly blocks = new Map<number, ContentBlock>();
  /** Tool searches in this reply by server_tool_use id. */
  private readonly searches = new Map<string, ToolSearchView>();

  constructor(
    id: string,
    model: string,
    createdAt: number,
    private readonly conversationId: string,
    private readonly registry: Pick<ToolRegistry, 'resolve'>,
    private readonly emit: (event: ChatEvent) => void,
    tools?: RequestToolsView,
  ) {
    this.view = { role: 'assistant', id, createdAt, model, status: 'streaming', blocks: [], ...(tools ? { tools } : {}) };
  }

  blockStart(index: number, block: ContentBlock): void {
    this.blocks.set(index, block.type === 'text' ? { ...block, text: block.text ?? '' } : block);
    if (block.type === 'text') {
      this.viewIndex.set(index, this.view.blocks.push({ kind: 'text', text: block.text ?? '' }) - 1);
    } else if (block.type === 'tool_use') {
      const call = pendingCallView({ id: block.id, name: block.name, input: {} }, this.registry);
      const foundBy = [...this.searches.values()].find((s) => s.found.some((f) => f.apiName === block.name));
      if (foundBy) call.foundBy = foundBy.query;
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
    else if (block.type === 'server_tool_use' && block.name.startsWith('tool_search_tool_')) this.searchStarted(block.id, block.input);
    else if (block.type === 'tool_search_tool_result') this.searchFinished(block.tool_use_id, block.content);
  }

  private searchStarted(id: string, input: unknown): void {
    const { query, pattern } = (input ?? {}) as { query?: unknown; pattern?: unknown };
    const search: ToolSearchView = { query: String(query ?? pattern ?? ''), found: [] };
    this.searches.set(id, search);
    const tools = (this.view.tools ??= { loaded: 0, available: 0, deferred: true });
    (tools.searches ??= []).push(search);
  }

  private searchFinished(id: string, content: Extract<ContentBlock, { type: 'tool_search_tool_result' }>['content']): void {
    const search = this.searches.get(id);
    if (!search) return;
    if (content.type === 'tool_search_tool_result_error') {
      search.error = content.error_message ?? content.error_code;
      return;
    }
    for (const ref of content.tool_references) {
      const resolved = this.registry.resolve(ref.tool_name);
      search.found.push({ apiName: ref.tool_name, server: resolved?.server ?? '', toolName: resolved?.toolName ?? ref.tool_name });
    }
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

/**
 * A final message's blocks as transcript params: text, (unless dropped) tool_use, and tool searches verbatim
 * (the API needs each server_tool_use with its tool_search_tool_result back); other kinds are left out.
 */
export function transcriptContent(message: Message, keepToolUse: boolean): ContentBlockParam[] {
  const out: ContentBlockParam[] = [];
  const answered = new Set(message.content.flatMap((b) => (b.type === 'tool_search_tool_result' ? [b.tool_use_id] : [])));
  for (const b of message.content) {
    if (b.type === 'text' && b.text.trim() !== '') out.push({ type: 'text', text: b.text });
    else if (b.type === 'tool_use' && keepToolUse) out.push({ type: 'tool_use', id: b.id, name: b.name, input: b.input ?? {} });
    else if (b.type === 'server_tool_use' && answered.has(b.id))
      out.push({ type: 'server_tool_use', id: b.id, name: b.name, input: b.input ?? {}, ...(b.caller ? { caller: b.caller } : {}) });
    else if (b.type === 'tool_search_tool_result') out.push({ type: 'tool_search_tool_result', tool_use_id: b.tool_use_id, content: b.content });
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
