// Runs one tool call as an MCP task, in either revision (taskEra.ts): creates it (or picks up a saved one),
// polls at the server's interval, keeps the card's ToolTaskView current, answers input requests, cancels
// it on Stop and returns its result. No clock of its own bounds it: only the task's TTL and the wait for
// a lost server to come back (base/timeouts.ts).
import type { TaskStatusView, ToolTaskView } from '../api/views.ts';
import { CallStop, type StopSignal } from '../base/callStop.ts';
import type { Clock } from '../base/clock.ts';
import { TASK_POLL_DEFAULT_MS, TASK_POLL_MAX_MS, TASK_POLL_MIN_MS, TASK_RECONNECT_WAIT_MS, TASK_TTL_MS } from '../base/timeouts.ts';
import type { ChannelSource, TaskChannel } from './taskChannel.ts';
import type { TaskEra, TaskSnapshot } from './taskEra.ts';
import { isTerminal, MalformedTaskAnswer } from './taskSchemas.ts';
import { ToolCallError } from '../servers/callErrors.ts';

export interface TaskDriverDeps {
  era: TaskEra;
  channel: ChannelSource;
  /** The call's Stop: cancels the task on the server. */
  signal: StopSignal;
  clock: Clock;
  /** Every change of the task: status, message, a step in its life. */
  onChange(task: ToolTaskView): void;
  /**
   * True when the Stop came from the host closing, not the person: the task is left running on the
   * server (its id is saved) and picked up at the next start, never cancelled.
   */
  detached?(): boolean;
  /** 2026-07-28: a server request inside the task (an elicitation), answered as the person answers it. */
  onInput?(request: { method: string; params?: unknown }, signal: StopSignal): Promise<unknown>;
}

/**
 * The task ended without a result for the model: lost (expired, forgotten), cancelled, or failed. A
 * ToolCallError, so the call path passes its message, written for people, on as it is.
 */
export class TaskEndedError extends ToolCallError {
  constructor(
    readonly status: 'lost' | 'cancelled' | 'failed',
    message: string,
  ) {
    super(status === 'cancelled' ? 'cancelled' : 'failed', message);
    this.name = 'TaskEndedError';
  }
}

/** Calls the tool as a task and follows it to its result (a server may answer at once: that result is returned as it is). */
export async function runAsTask(deps: TaskDriverDeps, toolName: string, args: Record<string, unknown>): Promise<unknown> {
  const channel = await deps.channel(0);
  const start = await deps.era.start(channel, toolName, args, TASK_TTL_MS, deps.signal);
  if (start.kind === 'result') return start.result;
  const at = deps.clock.now();
  const view: ToolTaskView = {
    taskId: start.task.taskId,
    era: deps.era.name,
    status: start.task.status,
    createdAt: start.task.createdAt,
    lastUpdatedAt: at,
    events: [{ at, kind: 'created', status: start.task.status }],
  };
  return new TaskRun(deps, view).follow(start.task);
}

/** Picks up a saved task (after a reload, a lost connection or a host restart) and follows it to its result. */
export function resumeTask(deps: TaskDriverDeps, saved: ToolTaskView): Promise<unknown> {
  const view: ToolTaskView = { ...saved, events: [...saved.events, { at: deps.clock.now(), kind: 'resumed' }] };
  return new TaskRun(deps, view).follow(undefined);
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

class TaskRun {
  /** Ends requests the run still has open (a 2025 tasks/result) once it is over. */
  private readonly done = new CallStop();
  private readonly answered = new Set<string>();
  private cancelling = false;

  constructor(
    private readonly deps: TaskDriverDeps,
    private view: ToolTaskView,
  ) {}

  async follow(first: TaskSnapshot | undefined): Promise<unknown> {
    const { signal } = this.deps;
    const onStop = () => this.stopped();
    signal.addEventListener('abort', onStop, { once: true });
    try {
      this.deps.onChange({ ...this.view });
      if (signal.aborted) return await this.cancel();
      let snap = first;
      let pending: Promise<Settled> | undefined;
      for (;;) {
        snap ??= await this.poll();
        this.apply(snap);
        if (isTerminal(snap.status)) return await this.finish(snap, pending);
        if (snap.status === 'input_required') {
          if (this.deps.era.answer) await this.answer(snap);
          else pending ??= this.settle(snap);
        }
        this.checkExpiry(snap);
        const woke = await this.wait(snap, pending);
        if (woke === 'stop') return await this.cancel();
        if (woke === 'result' && pending) {
          const settled = await pending;
          if (settled.ok) return this.completed(settled.value);
          pending = undefined; // the status says why (failed, cancelled, lost): poll once more
        }
        snap = undefined;
      }
    } finally {
      signal.removeEventListener('abort', onStop);
      this.done.stop('the task is over');
      this.done.finish();
    }
  }

  /** Stop was pressed: the card says so at once; the server is told in cancel(). */
  private stopped(): void {
    if (this.cancelling) return;
    this.cancelling = true;
    if (this.deps.detached?.())
      this.record({
        kind: 'status',
        status: this.view.status,
        message: 'Switchboard closed; the task goes on on the server and is picked up at the next start.',
      });
    else this.record({ kind: 'cancel', message: 'Stopped by you; cancelling the task on the server.' });
  }

  private async cancel(): Promise<never> {
    this.stopped();
    if (this.deps.detached?.()) throw new TaskEndedError('cancelled', 'Switchboard closed while the task ran; it is picked up at the next start.');
    let confirmed: TaskSnapshot | undefined;
    try {
      confirmed = await this.deps.era.cancel(await this.deps.channel(0), this.view.taskId);
    } catch {
      // Already over, or the server is gone: the call is stopped either way.
    }
    // The server's own answer when it gave one (its status and words), else ours.
    if (confirmed) this.apply(confirmed);
    else this.setStatus('cancelled', 'Cancelled by you.');
    throw new TaskEndedError('cancelled', 'The person stopped this tool call; its task was cancelled on the server.');
  }

  private async poll(): Promise<TaskSnapshot> {
    const since = this.deps.clock.now();
    for (;;) {
      let channel: TaskChannel;
      try {
        channel = await this.deps.channel(TASK_RECONNECT_WAIT_MS);
      } catch (error) {
        throw this.lost(`${errorText(error)} The task's result cannot be fetched.`);
      }
      try {
        return await this.deps.era.get(channel, this.view.taskId);
      } catch (error) {
        if (error instanceof MalformedTaskAnswer) throw this.failed(error.message);
        if (isNotFound(error)) throw this.lost('The server no longer knows this task: it expired, or the server restarted and forgot it.');
        if (this.deps.clock.now() - since > TASK_RECONNECT_WAIT_MS)
          throw this.lost(`The server has not answered about this task since ${new Date(since).toISOString()}: ${errorText(error)}`);
        if ((await this.wait(undefined, undefined, TASK_POLL_DEFAULT_MS)) === 'stop') return this.cancel();
      }
    }
  }

  private async finish(snap: TaskSnapshot, pending: Promise<Settled> | undefined): Promise<unknown> {
    if (snap.status === 'cancelled')
      throw new TaskEndedError('cancelled', `The server cancelled the task${snap.statusMessage ? `: ${snap.statusMessage}` : '.'}`);
    const settled = await (pending ?? this.settle(snap));
    if (settled.ok) return this.completed(settled.value, snap.status === 'failed');
    const words = errorText(settled.error);
    const reason = snap.statusMessage && snap.statusMessage !== words ? `${snap.statusMessage}: ${words}` : words;
    this.record({ kind: 'result', status: snap.status, message: reason });
    throw new TaskEndedError('failed', `The task failed: ${reason}`);
  }

  private completed(value: unknown, failed = false): unknown {
    if (!failed && this.view.status !== 'completed') this.setStatus('completed', undefined, false);
    this.record({ kind: 'result', status: this.view.status });
    return value;
  }

  /** The era's result request, as a value: it may settle while the loop is waiting. */
  private settle(snap: TaskSnapshot): Promise<Settled> {
    return this.deps.channel(0).then(
      (channel) =>
        this.deps.era.result(channel, snap, this.done).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        ),
      (error: unknown) => ({ ok: false as const, error }),
    );
  }

  /** 2026-07-28: each input request once, answered by the person, back through tasks/update. */
  private async answer(snap: TaskSnapshot): Promise<void> {
    const waiting = Object.entries(snap.inputRequests ?? {}).filter(([id]) => !this.answered.has(id));
    if (waiting.length === 0 || !this.deps.onInput || !this.deps.era.answer) return;
    const responses: Record<string, unknown> = {};
    for (const [id, request] of waiting) {
      this.answered.add(id);
      this.record({ kind: 'input', message: `The server asks: ${request.method}` });
      responses[id] = await this.deps.onInput(request, this.deps.signal);
    }
    await this.deps.era.answer(await this.deps.channel(0), this.view.taskId, responses);
    this.record({ kind: 'input', message: 'Answer sent to the server.' });
  }

  private checkExpiry(snap: TaskSnapshot): void {
    if (snap.ttlMs !== undefined && this.deps.clock.now() > snap.createdAt + snap.ttlMs) {
      throw this.lost(`The task outlived its time to live (${Math.round(snap.ttlMs / 1000)} s) without finishing.`);
    }
  }

  /** Until the next poll: the server's interval, a status notification for this task, the result, or Stop. */
  private wait(snap: TaskSnapshot | undefined, pending: Promise<Settled> | undefined, ms?: number): Promise<'timer' | 'stop' | 'result' | 'notified'> {
    const { signal, clock, era } = this.deps;
    if (signal.aborted) return Promise.resolve('stop');
    const interval = ms ?? Math.min(TASK_POLL_MAX_MS, Math.max(TASK_POLL_MIN_MS, snap?.pollIntervalMs ?? TASK_POLL_DEFAULT_MS));
    return new Promise((resolve) => {
      let off: (() => void) | undefined;
      let ended = false;
      const end = (why: 'timer' | 'stop' | 'result' | 'notified') => {
        if (ended) return;
        ended = true;
        timer.cancel();
        signal.removeEventListener('abort', onStop);
        off?.();
        resolve(why);
      };
      const onStop = () => end('stop');
      let timer = clock.setTimeout(() => end('timer'), interval);
      const began = clock.now();
      // A status notification polls early, but never sooner than TASK_POLL_MIN_MS: a chatty server cannot make a poll storm.
      const notified = () => {
        const early = TASK_POLL_MIN_MS - (clock.now() - began);
        if (early <= 0) return end('notified');
        timer.cancel();
        timer = clock.setTimeout(() => end('notified'), early);
      };
      signal.addEventListener('abort', onStop, { once: true });
      void pending?.then(() => end('result'));
      void this.deps.channel(0).then(
        (channel) => {
          if (ended) return;
          off = channel.onNotification?.(era.statusNotification, (params) => {
            if ((params as { taskId?: unknown } | undefined)?.taskId === this.view.taskId) notified();
          });
        },
        () => undefined,
      );
    });
  }

  private apply(snap: TaskSnapshot): void {
    const v = this.view;
    const changed = v.status !== snap.status || v.statusMessage !== snap.statusMessage;
    const limits = v.ttlMs !== snap.ttlMs || v.pollIntervalMs !== snap.pollIntervalMs;
    if (!changed && !limits) return;
    this.view = {
      ...v,
      status: snap.status,
      createdAt: snap.createdAt,
      lastUpdatedAt: snap.lastUpdatedAt ?? this.deps.clock.now(),
      ...(snap.statusMessage !== undefined ? { statusMessage: snap.statusMessage } : {}),
      ...(snap.ttlMs !== undefined ? { ttlMs: snap.ttlMs } : {}),
      ...(snap.pollIntervalMs !== undefined ? { pollIntervalMs: snap.pollIntervalMs } : {}),
    };
    if (snap.statusMessage === undefined) delete this.view.statusMessage;
    // A message is recorded when it is new: servers often keep the last one on a finished task.
    const message = snap.statusMessage !== undefined && snap.statusMessage !== v.statusMessage ? { message: snap.statusMessage } : {};
    if (changed) this.record({ kind: snap.status === 'input_required' ? 'input' : 'status', status: snap.status, ...message });
    else this.deps.onChange({ ...this.view });
  }

  private setStatus(status: TaskStatusView, message?: string, record = true): void {
    this.view = { ...this.view, status, lastUpdatedAt: this.deps.clock.now(), ...(message ? { statusMessage: message } : {}) };
    if (record) this.record({ kind: 'status', status, ...(message ? { message } : {}) });
  }

  private failed(message: string): TaskEndedError {
    this.setStatus('failed', message, false);
    this.record({ kind: 'result', status: 'failed', message });
    return new TaskEndedError('failed', `The task failed: ${message}`);
  }

  private lost(message: string): TaskEndedError {
    this.setStatus('lost', message, false);
    this.record({ kind: 'lost', status: 'lost', message });
    return new TaskEndedError('lost', `The task was lost: ${message}`);
  }

  private record(event: Omit<ToolTaskView['events'][number], 'at'>): void {
    this.view = { ...this.view, events: [...this.view.events, { at: this.deps.clock.now(), ...event }] };
    this.deps.onChange({ ...this.view });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "Task not found" (2025: -32602 from the SDK's handlers; any server saying so in words). */
function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === -32602 || /not found|unknown task|no such task/i.test(errorText(error));
}
