// How many tools go to the model. Past the threshold they go deferred behind tool search; past the budget
// with tool search off (or refused by the API) the person is told and chooses. Nothing is cut silently.
import { HostError } from '../api/errors.ts';
import type { ToolBudgetView } from '../api/views.ts';
import type { ToolRegistry } from '../routing/toolRegistry.ts';

/** Beyond these, tool choice gets worse and every request costs more: defer them, or ask the person first. */
export const MAX_TOOLS = 128;
export const MAX_TOOL_TOKENS = 40_000;

export interface ToolSearchPolicy {
  /** Tool search is on in Settings. */
  on: boolean;
  /** Defer past this many enabled tools (or past MAX_TOOL_TOKENS of definitions). */
  afterTools: number;
  pinned: ReadonlySet<string>;
  /** Why tool search cannot be used although it is on (the API at the base URL refused it). */
  problem?: string | undefined;
}

export function toolBudget(registry: Pick<ToolRegistry, 'apiTools' | 'estimateTokens'>, policy: ToolSearchPolicy): ToolBudgetView {
  const tools = registry.apiTools();
  const enabledTools = tools.length;
  const estimatedTokens = registry.estimateTokens();
  const pastBudget = enabledTools > MAX_TOOLS || estimatedTokens > MAX_TOOL_TOKENS;
  const deferred = policy.on && !policy.problem && (enabledTools > policy.afterTools || estimatedTokens > MAX_TOOL_TOKENS);
  const loadedTools = deferred ? tools.filter((t) => policy.pinned.has(t.name)).length : enabledTools;
  return {
    enabledTools,
    estimatedTokens,
    maxTools: MAX_TOOLS,
    maxTokens: MAX_TOOL_TOKENS,
    over: deferred ? loadedTools > MAX_TOOLS : pastBudget,
    deferred,
    loadedTools,
    toolSearch: { on: policy.on, afterTools: policy.afterTools },
    ...(policy.on && policy.problem ? { toolSearchProblem: policy.problem } : {}),
  };
}

export function overBudgetError(budget: ToolBudgetView): HostError {
  const why = budget.toolSearchProblem
    ? ` Tool search, which would let Claude load only the tools it needs, cannot be used: ${budget.toolSearchProblem}`
    : !budget.toolSearch.on
      ? ' Tool search is off in Settings; turned on, it would let Claude load only the tools it needs.'
      : '';
  return new HostError(
    'over-tool-budget',
    `${budget.enabledTools} tools are enabled (about ${Math.round(budget.estimatedTokens / 1000)}k tokens of definitions), ` +
      `more than the ${budget.maxTools} tools / ${budget.maxTokens / 1000}k tokens Switchboard sends without asking.${why} ` +
      'Turn off servers or tools you do not need in Servers, or send with all of them anyway.',
  );
}
