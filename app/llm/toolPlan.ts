// Which tools one request carries with their definitions, and which go deferred behind the server-side
// tool search tool (`defer_loading: true`; Claude finds them with `tool_search_tool_bm25` and the API loads
// each one where its `tool_reference` stands in the conversation).
//
// Order is stable, so the cached prefix survives across turns: the loaded tools (sorted by name), then the
// search tool (the cache breakpoint goes there), then the deferred tools, which are not part of the prompt.
import type { ContentBlockParam, MessageParam, Tool, ToolSearchToolBm25_20251119 } from '@anthropic-ai/sdk/resources/messages';
import type { ApiErrorView } from '../api/views.ts';

export const TOOL_SEARCH_TOOL: ToolSearchToolBm25_20251119 = { type: 'tool_search_tool_bm25_20251119', name: 'tool_search_tool_bm25' };

export interface ToolPlan {
  tools: (Tool | ToolSearchToolBm25_20251119)[];
  /** Tools whose definitions the request carries (not counting the search tool). */
  loaded: number;
  /** Every tool Claude can use: loaded and deferred. */
  available: number;
  deferred: boolean;
}

export interface ToolPlanInput {
  /** The registry's tools, sorted by name. */
  tools: readonly Tool[];
  /** Send past-threshold tools deferred with the tool search tool. */
  search: boolean;
  /** Tools the person pinned: always loaded. */
  pinned: ReadonlySet<string>;
  /** The conversation so far: tools it called without a search having loaded them stay loaded. */
  transcript: readonly MessageParam[];
}

export function planTools(input: ToolPlanInput): ToolPlan {
  const all = input.tools;
  if (!input.search || all.length === 0) return { tools: [...all], loaded: all.length, available: all.length, deferred: false };
  const keep = calledBeforeLoaded(input.transcript);
  const loaded: Tool[] = [];
  const deferred: Tool[] = [];
  for (const tool of all) {
    if (input.pinned.has(tool.name) || keep.has(tool.name)) loaded.push(tool);
    else deferred.push({ ...tool, defer_loading: true });
  }
  return { tools: [...loaded, TOOL_SEARCH_TOOL, ...deferred], loaded: loaded.length, available: all.length, deferred: true };
}

/**
 * Names the transcript calls before any tool search loaded them (they were loaded then). They must stay
 * loaded: a deferred tool may be called only after a `tool_reference` to it.
 */
export function calledBeforeLoaded(transcript: readonly MessageParam[]): Set<string> {
  const referenced = new Set<string>();
  const keep = new Set<string>();
  for (const m of transcript) {
    if (typeof m.content === 'string') continue;
    for (const b of m.content) {
      for (const name of referencesIn(b)) referenced.add(name);
      if (b.type === 'tool_use' && !referenced.has(b.name)) keep.add(b.name);
    }
  }
  return keep;
}

function referencesIn(b: ContentBlockParam): string[] {
  if (b.type === 'tool_search_tool_result' && b.content.type === 'tool_search_tool_search_result') return b.content.tool_references.map((r) => r.tool_name);
  if (b.type === 'tool_result' && Array.isArray(b.content)) return b.content.flatMap((c) => (c.type === 'tool_reference' ? [c.tool_name] : []));
  return [];
}

/**
 * The transcript as this request may send it: without tool search, the search blocks of earlier turns are
 * left out (the API has no search tool to pair them with); with it, references to tools that are gone
 * (a server removed or a tool turned off) are dropped, since the API refuses a reference it cannot resolve.
 */
export function fitTranscript(messages: MessageParam[], plan: ToolPlan): MessageParam[] {
  const names = new Set(plan.tools.map((t) => t.name));
  return messages.map((m) => {
    if (typeof m.content === 'string' || m.role !== 'assistant') return m;
    if (!m.content.some((b) => b.type === 'server_tool_use' || b.type === 'tool_search_tool_result')) return m;
    const content = plan.deferred
      ? m.content.map((b) =>
          b.type === 'tool_search_tool_result' &&
          b.content.type === 'tool_search_tool_search_result' &&
          b.content.tool_references.some((r) => !names.has(r.tool_name))
            ? { ...b, content: { ...b.content, tool_references: b.content.tool_references.filter((r) => names.has(r.tool_name)) } }
            : b,
        )
      : m.content.filter((b) => b.type !== 'server_tool_use' && b.type !== 'tool_search_tool_result');
    return { ...m, content };
  });
}

/**
 * A 400 saying the endpoint does not know tool search (a proxy or an older API): an unknown tool type or
 * `defer_loading` as an extra input. Our own mistakes with tool search (e.g. every tool deferred) are not this.
 */
export function rejectsToolSearch(error: ApiErrorView): boolean {
  if (error.kind !== 'bad-request') return false;
  if (/At least one tool must be non-deferred|Tool reference '/i.test(error.message)) return false;
  return /tool_search_tool_(bm25|regex)|defer_loading|tool search/i.test(error.message);
}
