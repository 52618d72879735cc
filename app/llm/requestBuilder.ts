// Builds one Messages request, with prompt-caching breakpoints on the tool list, the system prompt
// and the conversation prefix (the last user message), so later requests re-read the prefix from cache.
// The tool breakpoint goes on the last loaded tool: deferred tools are not part of the prompt.
import type { ContentBlockParam, MessageParam, TextBlockParam, ToolUnion } from '@anthropic-ai/sdk/resources/messages';
import type { LlmRequest } from './llmClient.ts';

export const MAX_CACHE_BREAKPOINTS = 4;
const EPHEMERAL = { type: 'ephemeral' } as const;

export interface RequestInput {
  model: string;
  maxTokens: number;
  system?: string;
  tools: readonly ToolUnion[];
  /** A valid transcript (see repairTranscript); it is never mutated. */
  messages: readonly MessageParam[];
  /** Prompt caching (default true). */
  cache?: boolean;
}

export function buildRequest(input: RequestInput): LlmRequest {
  const cache = input.cache ?? true;
  const request: LlmRequest = { model: input.model, max_tokens: input.maxTokens, messages: [...input.messages] };
  if (input.tools.length > 0) {
    const tools = [...input.tools];
    let last = tools.length - 1;
    while (last >= 0 && (tools[last] as { defer_loading?: boolean | null }).defer_loading === true) last--;
    if (cache && last >= 0) tools[last] = { ...tools[last]!, cache_control: EPHEMERAL };
    request.tools = tools;
  }
  if (input.system && input.system.trim() !== '') {
    const block: TextBlockParam = { type: 'text', text: input.system };
    request.system = cache ? [{ ...block, cache_control: EPHEMERAL }] : input.system;
  }
  if (cache) markLastUserMessage(request.messages);
  return request;
}

/** Puts a breakpoint on the last block of the last user message (a copy: the transcript stays clean). */
function markLastUserMessage(messages: MessageParam[]): void {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.role !== 'user') continue;
    const blocks: ContentBlockParam[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : [...message.content];
    const last = blocks[blocks.length - 1];
    if (!last || !canCarryCacheControl(last)) return;
    blocks[blocks.length - 1] = { ...last, cache_control: EPHEMERAL } as ContentBlockParam;
    messages[i] = { ...message, content: blocks };
    return;
  }
}

function canCarryCacheControl(block: ContentBlockParam): boolean {
  if (block.type === 'text') return block.text.trim() !== '';
  return block.type === 'tool_result' || block.type === 'image' || block.type === 'document';
}

/** Counts cache_control breakpoints in a request (tools, system, messages). */
export function countCacheBreakpoints(request: LlmRequest): number {
  let n = 0;
  for (const tool of request.tools ?? []) if ((tool as { cache_control?: unknown }).cache_control) n++;
  if (Array.isArray(request.system)) for (const b of request.system) if (b.cache_control) n++;
  for (const m of request.messages) {
    if (typeof m.content === 'string') continue;
    for (const b of m.content) if ((b as { cache_control?: unknown }).cache_control) n++;
  }
  return n;
}
