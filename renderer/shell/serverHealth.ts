// The sidebar's health at a glance: how many servers are ready, reconnecting or failing, and the tools they give.
import type { ServerView, ToolBudgetView } from '../../app/api/index.ts';
import { enabledToolCount, statusOf } from '../features/servers/serverStatus.ts';
import { plural } from '../ui/format.ts';

export interface ServerHealth {
  ready: number;
  /** Servers that are not turned off. */
  active: number;
  reconnecting: number;
  failing: number;
  tools: number;
}

export function serverHealth(servers: readonly ServerView[]): ServerHealth {
  const health: ServerHealth = { ready: 0, active: 0, reconnecting: 0, failing: 0, tools: 0 };
  for (const server of servers) {
    const status = statusOf(server);
    if (status !== 'disabled') health.active++;
    if (status === 'ready') health.ready++;
    if (status === 'reconnecting') health.reconnecting++;
    if (status === 'error') health.failing++;
    health.tools += enabledToolCount(server);
  }
  return health;
}

/** The whole summary in one sentence (the button's accessible name and tooltip). */
export function healthSentence(h: ServerHealth, budget?: ToolBudgetView): string {
  const over = budget?.over ?? false;
  return (
    `${h.ready} of ${plural(h.active, 'server')} ready, ${plural(h.tools, 'tool')} enabled` +
    (h.reconnecting ? `, ${h.reconnecting} reconnecting` : '') +
    (h.failing ? `, ${h.failing} with errors` : '') +
    // With no tools there is nothing to estimate; deferred definitions are not in the prompt.
    (budget && h.tools > 0 && !budget.deferred ? `. Tool definitions use about ${plural(budget.estimatedTokens, 'token')} per request` : '') +
    (budget && over ? ` — more than the ${budget.maxTools} tools / ${budget.maxTokens.toLocaleString()} tokens budget; turn some tools off.` : '.') +
    (budget?.deferred
      ? ` ${budget.loadedTools} of ${plural(budget.enabledTools, 'tool')} loaded with each request; Claude finds the others with tool search.`
      : '')
  );
}

/** The counter's words: "450 tools", or "3 of 450 tools loaded" when the rest wait behind tool search. */
export function toolCounter(h: ServerHealth, budget?: ToolBudgetView): { strong: string; rest: string } {
  if (budget?.deferred) return { strong: String(budget.loadedTools), rest: ` of ${plural(budget.enabledTools, 'tool')} loaded` };
  return { strong: String(h.tools), rest: `${h.tools === 1 ? ' tool' : ' tools'}${budget?.over ? ' (too many)' : ''}` };
}

/** The colour of the summary's dot: errors first, then a server on its way back, then all ready or not. */
export function healthDot(h: ServerHealth): 'status-error' | 'status-reconnecting' | 'status-ready' | 'status-stopped' {
  if (h.failing) return 'status-error';
  if (h.reconnecting) return 'status-reconnecting';
  return h.ready === h.active && h.active > 0 ? 'status-ready' : 'status-stopped';
}
