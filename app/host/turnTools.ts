// The tools a turn's requests carry: all of them loaded, or (past the threshold in Settings) the pinned and
// already-used ones loaded and the rest deferred behind tool search; which servers are still starting;
// and what happens when the API at the base URL refuses tool search.
import type { ApiErrorView, ToolBudgetView } from '../api/views.ts';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { planTools, type ToolPlan } from '../llm/toolPlan.ts';
import type { Notices } from './notices.ts';
import type { ServerStatus } from './serverStatus.ts';
import type { ServerTools } from './serverTools.ts';
import type { SettingsStore } from './settingsStore.ts';
import { toolBudget, type ToolSearchPolicy } from './toolBudget.ts';
import { ToolSearchSupport } from './toolSearchSupport.ts';

export class TurnTools {
  private readonly support = new ToolSearchSupport();

  constructor(
    private readonly deps: { settings: SettingsStore; servers: Pick<ServerTools, 'registry'>; status: Pick<ServerStatus, 'list'>; notices: Notices },
  ) {}

  policy(): ToolSearchPolicy {
    return { ...this.deps.settings.toolSearch(), problem: this.support.problem(this.deps.settings.llm().baseUrl) };
  }

  budget(): ToolBudgetView {
    return toolBudget(this.deps.servers.registry(), this.policy());
  }

  plan(transcript: readonly MessageParam[]): ToolPlan {
    const policy = this.policy();
    const registry = this.deps.servers.registry();
    return planTools({ tools: registry.apiTools(), search: toolBudget(registry, policy).deferred, pinned: policy.pinned, transcript });
  }

  /** Servers that are on and still starting: a message goes out without waiting for them. */
  starting(): string[] {
    return this.deps.status.list().flatMap((s) => (s.state.kind === 'starting' && !s.disabled ? [s.name] : []));
  }

  /**
   * The API refused tool search: remember it for this base URL and say so. Under the budget (or when the
   * person chose to send everything) the request goes again at once; over it, the turn ends and the next
   * send asks the person, as without tool search.
   */
  refused(error: ApiErrorView, sendAnyway: boolean): ApiErrorView | undefined {
    const baseUrl = this.deps.settings.llm().baseUrl;
    const problem = this.support.refuse(baseUrl, error.message);
    const budget = this.budget();
    this.deps.notices.add('warning', `Tool search is not used: ${problem} Switchboard sends every enabled tool with its definition instead.`);
    if (!budget.over || sendAnyway) return undefined;
    return {
      kind: 'bad-request',
      ...(error.status !== undefined ? { status: error.status } : {}),
      message:
        `Tool search cannot be used: ${problem} Without it, ${budget.enabledTools} tools are more than the ` +
        `${budget.maxTools} tools / ${budget.maxTokens / 1000}k tokens Switchboard sends without asking. ` +
        'Turn off servers or tools you do not need in Servers, or send again and choose to send all of them.',
    };
  }
}
