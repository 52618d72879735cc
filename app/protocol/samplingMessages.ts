// Sampling requests between the two worlds: MCP `sampling/createMessage` params → the consent view →
// one Messages API request; the model's reply → the MCP result.
import { assertNever } from '../api/errors.ts';
import type { Message, MessageParam, ContentBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { CreateMessageRequest, CreateMessageResult } from '@modelcontextprotocol/client';
import { HostError } from '../api/errors.ts';
import type { SamplingContentView, SamplingMessageView, SamplingRequestView } from '../api/views.ts';
import type { LlmRequest } from '../llm/llmClient.ts';

type Params = CreateMessageRequest['params'];
type Block = Exclude<Params['messages'][number]['content'], unknown[]>;

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export interface SamplingEdits {
  messages?: string[] | undefined;
  systemPrompt?: string | undefined;
  maxTokens?: number | undefined;
}

/** Why Switchboard cannot run this request at all, or undefined when it can. */
export function unsupportedReason(params: Params): string | undefined {
  if (params.tools || params.toolChoice) return 'Switchboard does not offer tools inside sampling requests.';
  if (params.task) return 'Switchboard does not run sampling requests as tasks.';
  if (params.messages.length === 0) return 'The sampling request has no messages.';
  for (const m of params.messages) {
    for (const block of blocksOf(m.content)) {
      if (block.type === 'tool_use' || block.type === 'tool_result') return 'Switchboard does not offer tools inside sampling requests.';
    }
  }
  return undefined;
}

export function samplingMessagesView(params: Params): SamplingMessageView[] {
  return params.messages.map((m) => ({ role: m.role, content: blocksOf(m.content).flatMap(contentView) }));
}

export function modelPreferencesView(params: Params): SamplingRequestView['modelPreferences'] {
  const p = params.modelPreferences;
  if (!p) return undefined;
  return {
    hints: (p.hints ?? []).flatMap((h) => (typeof h.name === 'string' ? [h.name] : [])),
    ...(p.costPriority !== undefined ? { costPriority: p.costPriority } : {}),
    ...(p.speedPriority !== undefined ? { speedPriority: p.speedPriority } : {}),
    ...(p.intelligencePriority !== undefined ? { intelligencePriority: p.intelligencePriority } : {}),
  };
}

/** The person's edits: new text for each message (same count), a new system prompt, a new token limit (within the cap). */
export function applyEdits(view: SamplingRequestView, edits: SamplingEdits, cap: number): SamplingRequestView {
  const next: SamplingRequestView = { ...view };
  if (edits.messages !== undefined) {
    if (edits.messages.length !== view.messages.length) {
      throw new HostError('invalid-params', `Give the new text of all ${view.messages.length} messages, in order.`, [
        { path: 'edited.messages', message: `Expected ${view.messages.length} entries.` },
      ]);
    }
    next.messages = view.messages.map((m, i) => {
      const text = edits.messages![i]!;
      const others = m.content.filter((c) => c.kind !== 'text');
      return { role: m.role, content: [...(text.trim() ? [{ kind: 'text' as const, text }] : []), ...others] };
    });
  }
  if (edits.systemPrompt !== undefined) {
    if (edits.systemPrompt.trim()) next.systemPrompt = edits.systemPrompt;
    else delete next.systemPrompt;
  }
  if (edits.maxTokens !== undefined) next.maxTokens = Math.min(edits.maxTokens, cap);
  return next;
}

/**
 * One Messages request; consecutive same-role messages are merged so roles alternate. The server's
 * temperature is shown to the person but not sent: the Messages API this SDK speaks has no such field.
 */
export function samplingRequest(view: SamplingRequestView, model: string): LlmRequest {
  const messages: MessageParam[] = [];
  for (const m of view.messages) {
    const blocks = m.content.flatMap(apiBlock);
    if (blocks.length === 0) continue;
    const prev = messages[messages.length - 1];
    if (prev && prev.role === m.role) prev.content = [...(prev.content as ContentBlockParam[]), ...blocks];
    else messages.push({ role: m.role, content: blocks });
  }
  if (messages[0]?.role !== 'user') {
    throw new HostError('invalid-params', 'A sampling request must start with a user message that has some content.');
  }
  return {
    model,
    max_tokens: view.maxTokens,
    messages,
    ...(view.systemPrompt?.trim() ? { system: view.systemPrompt } : {}),
    ...(view.stopSequences?.length ? { stop_sequences: view.stopSequences } : {}),
  };
}

export function samplingResult(message: Message): CreateMessageResult {
  const text = message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
  return { role: 'assistant', content: { type: 'text', text }, model: message.model, stopReason: stopReason(message.stop_reason) };
}

function stopReason(reason: Message['stop_reason']): string {
  switch (reason) {
    case 'end_turn':
      return 'endTurn';
    case 'max_tokens':
      return 'maxTokens';
    case 'stop_sequence':
      return 'stopSequence';
    default:
      return reason ?? 'endTurn';
  }
}

function blocksOf(content: Params['messages'][number]['content']): Block[] {
  return Array.isArray(content) ? content : [content];
}

function contentView(block: Block): SamplingContentView[] {
  switch (block.type) {
    case 'text':
      return [{ kind: 'text', text: block.text }];
    case 'image':
      return [{ kind: 'image', mimeType: block.mimeType, data: block.data }];
    case 'audio':
      return [{ kind: 'audio', mimeType: block.mimeType }];
    default:
      return [];
  }
}

function apiBlock(content: SamplingContentView): ContentBlockParam[] {
  switch (content.kind) {
    case 'text':
      return content.text.trim() ? [{ type: 'text', text: content.text }] : [];
    case 'image':
      if (!IMAGE_TYPES.has(content.mimeType))
        return [{ type: 'text', text: `[An image of type ${content.mimeType} was left out: Claude reads PNG, JPEG, GIF and WebP.]` }];
      return [{ type: 'image', source: { type: 'base64', media_type: content.mimeType as 'image/png', data: content.data } }];
    case 'audio':
      return [{ type: 'text', text: `[Audio (${content.mimeType}) was left out: Claude cannot hear audio.]` }];
    default:
      return assertNever(content);
  }
}
