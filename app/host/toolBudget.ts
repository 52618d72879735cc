// How many tools go to the model. Past the budget the person is told and chooses; nothing is cut silently.
import { HostError } from '../api/errors.ts';
import type { ToolBudgetView } from '../api/views.ts';
import type { ToolRegistry } from '../routing/toolRegistry.ts';

/** Beyond these, tool choice gets worse and every request costs more: ask the person first. */
export const MAX_TOOLS = 128;
export const MAX_TOOL_TOKENS = 40_000;

export function toolBudget(registry: Pick<ToolRegistry, 'apiTools' | 'estimateTokens'>): ToolBudgetView {
  const enabledTools = registry.apiTools().length;
  const estimatedTokens = registry.estimateTokens();
  return {
    enabledTools,
    estimatedTokens,
    maxTools: MAX_TOOLS,
    maxTokens: MAX_TOOL_TOKENS,
    over: enabledTools > MAX_TOOLS || estimatedTokens > MAX_TOOL_TOKENS,
  };
}

export function overBudgetError(budget: ToolBudgetView): HostError {
  return new HostError(
    'over-tool-budget',
    `${budget.enabledTools} tools are enabled (about ${Math.round(budget.estimatedTokens / 1000)}k tokens of definitions), ` +
      `more than the ${budget.maxTools} tools / ${budget.maxTokens / 1000}k tokens Switchboard sends without asking. ` +
      'Turn off servers or tools you do not need in Servers, or send with all of them anyway.',
  );
}
