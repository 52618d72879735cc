// One tool call, from Claude's tool_use (or an app's tools/call) to its tool_result: the one object that
// decides the call's whole life. "When does a call time out?" is answered here, every limit named in
// base/timeouts.ts:
//
//   pending ─► awaiting-approval  the policy (safety/toolApprovals) decides, or asks the person: no clock.
//           ─► running            sent at the send stage (`send`) with its server's clocks (`toolCallClocks`):
//                                 an idle clock of the server's `toolTimeoutSeconds` (DEFAULT_TOOL_TIMEOUT_SECONDS),
//                                 reset by each progress notification, and a total clock of MAX_TOTAL_TIMEOUT_FACTOR
//                                 times that. Both stand still while the server waits on the person (sampling,
//                                 elicitation): servers/runningCalls runs them, looking every HOLD_POLL_MS; the
//                                 SDK's own timer (SDK_TIMEOUT_MS) is set past them and never fires first.
//           ─► awaiting-url-step  the server answered -32042: each URL is shown as URL elicitations are, then up
//                                 to URL_STEP_WAIT_MS for the server's "complete"; running again, at most
//                                 MAX_URL_STEP_RETRIES_PER_CALL times.
//           ─► awaiting-sign-in   the server asked for a sign-in (an expired one, or a step-up): up to
//                                 SIGN_IN_WAIT_MS for the person; running again, at most MAX_SIGN_INS_PER_CALL times.
//           ─► settled            done | error | denied | cancelled. Stop settles a call 'cancelled' at once from
//                                 any state, even when its server never answers the cancellation.
//
// The route: the turn (llm/turnLoop) or an app (apps/appToolCalls) ─► callTools (toolCaller.ts) ─► a ToolCall
// ─► its server's ServerConnection ─► ConnectionAttempt.sendToolCall ─► the SDK and the transport.
import { SdkErrorCode, type CallToolResult } from '@modelcontextprotocol/client';
import type { ToolResultBlockParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { assertNever } from '../api/errors.ts';
import type { ConnectionState, ToolCallView, ToolTaskView } from '../api/views.ts';
import type { StopSignal } from '../base/callStop.ts';
import { systemClock, type Clock } from '../base/clock.ts';
import type { EventHub } from '../base/eventHub.ts';
import { MAX_SIGN_INS_PER_CALL, MAX_URL_STEP_RETRIES_PER_CALL, toolCallClocks, URL_STEP_WAIT_MS } from '../base/timeouts.ts';
import { redactStrings } from '../secrets/index.ts';
import type { ToolApprovals } from '../safety/toolApprovals.ts';
import { ToolCallError } from '../servers/callErrors.ts';
import type { CallToolOptions } from '../servers/connectionOptions.ts';
import type { ResolvedTool, ToolRegistry } from './toolRegistry.ts';
import { mapToolResult, sizeOfResult, type ResultBudgets } from './toolResultContent.ts';
import { readyAfterSignIn } from './signInWait.ts';
import { stepCompleted, urlStepsOf, type UrlStep } from './urlSteps.ts';

/** The life of one call. Strings, so a state survives JSON; `enter` refuses a transition not listed in NEXT. */
export type ToolCallState =
  | { kind: 'pending' }
  | { kind: 'awaiting-approval'; reason?: string }
  | { kind: 'running'; attempt: number }
  | { kind: 'awaiting-url-step'; url: string }
  | { kind: 'awaiting-sign-in'; signIns: number }
  | { kind: 'settled'; status: 'done' | 'error' | 'denied' | 'cancelled' };

type Kind = ToolCallState['kind'];
const NEXT: { readonly [K in Kind]: readonly Kind[] } = {
  pending: ['awaiting-approval', 'running', 'settled'],
  'awaiting-approval': ['running', 'settled'],
  running: ['awaiting-url-step', 'awaiting-sign-in', 'settled'],
  'awaiting-url-step': ['awaiting-url-step', 'running', 'settled'],
  'awaiting-sign-in': ['running', 'settled'],
  settled: [],
};

export type ToolUse = Pick<ToolUseBlock, 'id' | 'name' | 'input'>;

/** What a call needs of its server's connection (servers/serverConnection.ts). */
export interface CallTarget {
  readonly definition: { readonly toolTimeoutSeconds?: number | undefined };
  callTool(toolName: string, args: Record<string, unknown>, opts: CallToolOptions): Promise<CallToolResult>;
  state(): ConnectionState;
  /** A restart is under way: its brief `stopped` is not the end of a sign-in wait. */
  readonly restarting: boolean;
  onChange(fn: () => void): () => void;
}

/** Where calls go: the connection a call on a configured server goes through (host/accountConnections.ts). */
export interface CallServers {
  /**
   * As `account` (a conversation's choice; absent: the server's default), with the label of the account
   * the call runs as when the server has signed-in accounts. Undefined: no such server.
   */
  route(server: string, account: string | undefined): Promise<{ target: CallTarget; account?: string } | undefined>;
}

/** Runs a call as an MCP task when its server runs tasks and the tool asks for one (host/taskCalls.ts, app/tasks). */
export interface TaskRunner {
  /** The task's run to its result; undefined when this call is a plain tools/call. */
  runIfTask(
    resolved: ResolvedTool,
    args: Record<string, unknown>,
    opts: { signal: StopSignal; onTask: (task: ToolTaskView) => void },
  ): Promise<CallToolResult> | undefined;
}

/** Shows a URL step to the person as URL elicitations are shown (protocol/elicitations.ts), and says what they chose. */
export interface UrlStepDialogs {
  handle(server: string, step: { mode: 'url' } & UrlStep, signal: StopSignal): Promise<{ action: 'accept' | 'decline' | 'cancel' }>;
}

export interface ToolCallDeps {
  registry: Pick<ToolRegistry, 'resolve'>;
  servers: CallServers;
  /** Tools that ask for an MCP task run as one; without it, every call is a plain tools/call. */
  tasks?: TaskRunner;
  /** The account this conversation chose for a server, if any (conversation.accounts). */
  accountOf?: (server: string) => string | undefined;
  /** The approval policy every call passes first, asked for this conversation; without it, calls run at once. */
  approvals?: { policy: Pick<ToolApprovals, 'check'>; conversationId: string };
  /** URL steps (-32042): shown to the person; the hub carries the server's `elicitation.completed`. Without it, a -32042 stands. */
  urlSteps?: { dialogs: UrlStepDialogs; events: EventHub };
  /** The waits' timers (sign-in, URL step); durations use `now`. */
  clock?: Clock;
  now?: () => number;
  /** Every change of the card: awaiting approval, running, progress, then done / error / denied / cancelled. */
  onUpdate?: (call: ToolCallView) => void;
  /** Every state the call enters, in order. */
  onState?: (state: ToolCallState) => void;
  budgets?: Partial<ResultBudgets>;
  /**
   * Masks known secrets (the redactor's rules, as on screen) in the raw JSON-RPC view and in the result
   * itself before it reaches the transcript: Claude sees, and the conversation file keeps, the mask.
   */
  redact?: (text: string) => string;
  /** Why a tool name does not resolve, when its server is known but not ready (e.g. reconnecting). */
  whyUnavailable?: (apiName: string) => string | undefined;
}

export interface ToolCallOutcome {
  toolResult: ToolResultBlockParam;
  call: ToolCallView;
  /** The server's result as it answered (an app gets it back as it is); absent when the call did not finish. */
  result?: CallToolResult;
}

export const CANCELLED_MESSAGE = 'The person stopped this tool call.';

export class ToolCall {
  private st: ToolCallState = { kind: 'pending' };
  private readonly view: ToolCallView;
  private readonly now: () => number;
  private readonly clock: Clock;
  private readonly redact: (text: string) => string;

  constructor(
    private readonly use: ToolUse,
    private readonly deps: ToolCallDeps,
    /** The call's Stop: the person's, its turn's, or a closed app frame's. */
    private readonly stop: StopSignal,
  ) {
    this.view = pendingCallView(use, deps.registry);
    this.clock = deps.clock ?? systemClock;
    this.now = deps.now ?? (() => this.clock.now());
    this.redact = deps.redact ?? ((text) => text);
  }

  get state(): ToolCallState {
    return this.st;
  }

  /** Runs the call to its end; never rejects: every failure is an is_error tool_result, in words. */
  async run(): Promise<ToolCallOutcome> {
    const { use, deps } = this;
    if (this.stop.aborted) return this.settleFailed('cancelled', CANCELLED_MESSAGE);
    const resolved = deps.registry.resolve(use.name);
    if (!resolved) {
      const why = deps.whyUnavailable?.(use.name);
      return this.settleFailed(
        'error',
        why ?? `There is no tool named "${use.name}" available right now: it is unknown, disabled, or its server is not ready.`,
      );
    }
    if (typeof use.input !== 'object' || use.input === null || Array.isArray(use.input)) {
      return this.settleFailed('error', `The input for "${use.name}" must be a JSON object.`);
    }
    if (deps.approvals) {
      const refused = await this.approve(resolved, deps.approvals);
      if (refused) return refused;
    }
    return this.execute(resolved, use.input as Record<string, unknown>);
  }

  /** Undefined when the call may run; its settled outcome when it was denied or stopped while waiting. */
  private async approve(resolved: ResolvedTool, approvals: NonNullable<ToolCallDeps['approvals']>): Promise<ToolCallOutcome | undefined> {
    const { view } = this;
    const { server, toolName, tool } = resolved;
    const request = { id: view.id, conversationId: approvals.conversationId, server, toolName, tool, input: view.input };
    const verdict = await approvals.policy.check(request, this.stop, (reason) => {
      this.enter(reason ? { kind: 'awaiting-approval', reason } : { kind: 'awaiting-approval' });
      this.update({ toolDescription: resolved.tool.description ?? '', ...(reason ? { approvalReason: reason } : {}) });
    });
    if (verdict.kind === 'cancelled' || this.stop.aborted) return this.settleFailed('cancelled', CANCELLED_MESSAGE);
    const d = verdict.decision;
    if (d) this.update({ decision: d, ...(d.kind === 'person' ? { waitedMs: d.decidedAt - d.askedAt } : {}) });
    return verdict.kind === 'denied' ? this.settleFailed('denied', verdict.text) : undefined;
  }

  /** Runs the call on its server; answers 'cancelled' at once on Stop, even when a server never replies to the cancellation. */
  private async execute(resolved: ResolvedTool, args: Record<string, unknown>): Promise<ToolCallOutcome> {
    let stopped: () => void = () => {};
    const cancelled = new Promise<'cancelled'>((resolve) => {
      stopped = () => resolve('cancelled');
      this.stop.addEventListener('abort', stopped, { once: true });
    });
    this.enter({ kind: 'running', attempt: 1 });
    this.update({ startedAt: this.now() });
    try {
      const result = await Promise.race([this.attempts(resolved, args), cancelled]);
      if (result === 'cancelled') return this.settleFailed('cancelled', CANCELLED_MESSAGE);
      return this.settleWith(result);
    } catch (err) {
      if (this.stop.aborted) return this.settleFailed('cancelled', CANCELLED_MESSAGE);
      return this.settleFailed('error', describeFailure(resolved.server, resolved.toolName, err));
    } finally {
      this.stop.removeEventListener('abort', stopped);
    }
  }

  /** Sends the call, and again after a URL step or a sign-in the server asked for, within their limits. */
  private async attempts(resolved: ResolvedTool, args: Record<string, unknown>): Promise<CallToolResult> {
    let urlRetries = 0;
    let signIns = 0;
    for (let attempt = 1; ; attempt++) {
      const route = await this.deps.servers.route(resolved.server, this.deps.accountOf?.(resolved.server));
      if (!route) throw new Error(`The server "${resolved.server}" is no longer configured.`);
      const { target } = route;
      if (route.account && route.account !== this.view.account) this.update({ account: route.account });
      try {
        return await this.send(target, resolved, args);
      } catch (error) {
        if (this.stop.aborted) throw error;
        const steps = this.deps.urlSteps && urlRetries < MAX_URL_STEP_RETRIES_PER_CALL ? urlStepsOf(error) : undefined;
        if (steps && this.deps.urlSteps) {
          urlRetries++;
          await this.takeUrlSteps(resolved, steps, this.deps.urlSteps, error);
        } else if (
          error instanceof ToolCallError &&
          error.reason === 'needs-sign-in' &&
          signIns < MAX_SIGN_INS_PER_CALL &&
          target.state().kind === 'needs-sign-in'
        ) {
          this.enter({ kind: 'awaiting-sign-in', signIns: ++signIns });
          // The person signs in (SignIns restarts the server); the provider bounds step-ups.
          if (!(await readyAfterSignIn(target, this.stop, this.clock))) throw error;
        } else {
          throw error;
        }
        if (this.stop.aborted) throw error;
        this.enter({ kind: 'running', attempt: attempt + 1 });
      }
    }
  }

  /**
   * The send stage: the one place this call leaves for its server, with the server's clocks, the call's
   * Stop, its progress and its raw JSON-RPC view. A call sent another way (as an MCP task, say) branches here.
   */
  private send(target: CallTarget, resolved: ResolvedTool, args: Record<string, unknown>): Promise<CallToolResult> {
    const asTask = this.deps.tasks?.runIfTask(resolved, args, {
      signal: this.stop,
      onTask: (task) => {
        // After Stop too: the server's confirmation of the cancel lands on the card.
        if (this.st.kind === 'running' || (this.st.kind === 'settled' && this.st.status === 'cancelled')) this.update({ task });
      },
    });
    if (asTask) return asTask;
    return target.callTool(resolved.toolName, args, {
      signal: this.stop,
      ...toolCallClocks(target.definition.toolTimeoutSeconds),
      onProgress: (p) => {
        if (this.st.kind === 'running') this.update({ progress: { ...p } });
      },
      onWire: (messages) => {
        this.view.wire = messages.map((m) => ({ ...m, json: this.redact(m.json) }));
      },
    });
  }

  /** Shows each URL step; once the person accepted it, waits (bounded) for the server to say it is complete. */
  private async takeUrlSteps(resolved: ResolvedTool, steps: UrlStep[], urlSteps: NonNullable<ToolCallDeps['urlSteps']>, error: unknown): Promise<void> {
    const { server, toolName: tool } = resolved;
    for (const step of steps) {
      if (this.stop.aborted) throw error;
      this.enter({ kind: 'awaiting-url-step', url: step.url });
      const completed = stepCompleted(urlSteps.events, { server, elicitationId: step.elicitationId }, this.stop, this.clock, URL_STEP_WAIT_MS);
      const answer = await urlSteps.dialogs.handle(server, { mode: 'url', ...step }, this.stop).catch((refused: unknown) => {
        completed.cancel();
        throw refused;
      });
      if (answer.action !== 'accept') {
        completed.cancel();
        throw new Error(
          `\`${tool}\` on \`${server}\` needs you to finish a step at ${new URL(step.url).host} first; you ${answer.action === 'decline' ? 'declined' : 'cancelled'} it.`,
          { cause: error },
        );
      }
      await completed.done;
    }
  }

  private settleWith(result: CallToolResult): ToolCallOutcome {
    const mapped = mapToolResult(redactStrings(result, this.redact), this.deps.budgets);
    const durationMs = this.now() - (this.view.startedAt ?? this.now());
    const sent = sizeOfResult(mapped.content);
    if (mapped.isError) {
      const first = mapped.view.content.find((c) => c.kind === 'text');
      const error = first?.kind === 'text' ? first.text.slice(0, 500) : 'The tool reported an error.';
      this.enter({ kind: 'settled', status: 'error' });
      this.update({ durationMs, sent, result: mapped.view, error });
    } else {
      this.enter({ kind: 'settled', status: 'done' });
      this.update({ durationMs, sent, result: mapped.view });
    }
    const toolResult: ToolResultBlockParam = {
      type: 'tool_result',
      tool_use_id: this.use.id,
      content: mapped.content,
      ...(mapped.isError ? { is_error: true } : {}),
    };
    return { call: { ...this.view }, toolResult, result };
  }

  private settleFailed(status: 'error' | 'denied' | 'cancelled', shown: string): ToolCallOutcome {
    const reason = this.redact(shown);
    const content: ToolResultBlockParam['content'] = [{ type: 'text', text: reason }];
    const startedAt = this.view.startedAt;
    this.enter({ kind: 'settled', status });
    this.update({ error: reason, sent: sizeOfResult(content), ...(startedAt !== undefined ? { durationMs: this.now() - startedAt } : {}) });
    return { call: { ...this.view }, toolResult: { type: 'tool_result', tool_use_id: this.use.id, is_error: true, content } };
  }

  private enter(next: ToolCallState): void {
    if (!NEXT[this.st.kind].includes(next.kind)) throw new Error(`A tool call cannot go from ${this.st.kind} to ${next.kind}.`);
    this.st = next;
    this.deps.onState?.(next);
  }

  /** The card follows the state: `status` comes from it, never set on its own. */
  private update(patch: Partial<ToolCallView>): void {
    Object.assign(this.view, patch, { status: statusOf(this.st) });
    this.deps.onUpdate?.({ ...this.view });
  }
}

/** What the card shows of a state: the waits for a URL step or a sign-in happen while the call runs. */
function statusOf(state: ToolCallState): ToolCallView['status'] {
  switch (state.kind) {
    case 'pending':
      return 'pending';
    case 'awaiting-approval':
      return 'awaiting-approval';
    case 'running':
    case 'awaiting-url-step':
    case 'awaiting-sign-in':
      return 'running';
    case 'settled':
      return state.status;
    default:
      return assertNever(state);
  }
}

/** A tool_use as its card first shows it: server and tool as people know them, not run yet. */
export function pendingCallView(use: ToolUse, registry: Pick<ToolRegistry, 'resolve'>): ToolCallView {
  const resolved = registry.resolve(use.name);
  return {
    id: use.id,
    apiName: use.name,
    server: resolved?.server ?? '',
    toolName: resolved?.toolName ?? use.name,
    input: use.input,
    status: 'pending',
  };
}

/** The connection's own ToolCallErrors are already written for people, naming tool and server: pass them on as they are. */
function describeFailure(server: string, toolName: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof ToolCallError) return message;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === SdkErrorCode.RequestTimeout || /timed? ?out/i.test(message)) {
    return `The tool "${toolName}" on server "${server}" did not answer in time: ${message}`;
  }
  return `The tool "${toolName}" on server "${server}" failed: ${message}`;
}
