// The tools/call requests running on one client, each with its progress token, its progress listener, its
// Stop and its two clocks: idle (reset by each progress notification) and total. The host keeps these
// itself instead of handing `onprogress`, `resetTimeoutOnProgress` and `maxTotalTimeout` to the SDK:
//
// - cost: with `onprogress` the SDK copies every request's params to add the token, which with the rest of
//   its progress bookkeeping made a call ~4 µs (16 %) dearer in CPU than a bare one (measured in process,
//   `npm run bench -- calls` has the end-to-end figures); here a call is one map entry.
// - holding: while the server waits on the person (a sampling or elicitation request they are reading)
//   its calls' clocks stand still. The SDK keeps its timers private; these are ours.
//
// The SDK still sends each request, validates its result, and cancels it through the call's Stop (which
// tells the server with notifications/cancelled); its own timer is set past ours and never fires first.
import { type Client, type ProgressNotification, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { CallStop, type StopSignal } from '../base/callStop.ts';
import type { Clock } from '../base/clock.ts';

import { HOLD_POLL_MS } from '../base/timeouts.ts';

export interface CallProgress {
  progress: number;
  total?: number | undefined;
  message?: string | undefined;
}

export interface CallClocks {
  timeoutMs: number;
  maxTotalTimeoutMs?: number | undefined;
  onProgress?: ((p: CallProgress) => void) | undefined;
  /** The caller's Stop; the call stops with it. */
  signal?: StopSignal | undefined;
}

/** One running call. Its Stop is what the SDK request listens on: the caller's Stop or one of its clocks. */
export class RunningCall extends CallStop {
  private idleAt: number;
  private totalAt: number | undefined;

  constructor(
    readonly progressToken: string,
    private readonly clocks: CallClocks,
    now: number,
  ) {
    super();
    this.idleAt = now + clocks.timeoutMs;
    this.totalAt = clocks.maxTotalTimeoutMs !== undefined ? now + clocks.maxTotalTimeoutMs : undefined;
    const signal = clocks.signal;
    if (signal?.aborted) this.stop(signal.reason);
    else signal?.addEventListener('abort', this, { once: true });
  }

  /** The caller's Stop was pressed (the call listens on it as itself: no closure per call). */
  handleEvent(): void {
    this.stop(this.clocks.signal?.reason);
  }

  /** The earliest time one of its clocks runs out. */
  get dueAt(): number {
    return this.totalAt !== undefined && this.totalAt < this.idleAt ? this.totalAt : this.idleAt;
  }

  progressed(params: ProgressNotification['params'], now: number): void {
    this.idleAt = now + this.clocks.timeoutMs;
    this.clocks.onProgress?.({ progress: params.progress, total: params.total, message: params.message });
  }

  /** The server waited on the person for `ms`: neither clock counts that. */
  hold(ms: number): void {
    this.idleAt += ms;
    if (this.totalAt !== undefined) this.totalAt += ms;
  }

  /** Stops the call with a timeout error if one of its clocks has run out. */
  expireIfDue(now: number): void {
    if (this.totalAt !== undefined && now >= this.totalAt) {
      this.stop(new SdkError(SdkErrorCode.RequestTimeout, 'Maximum total timeout exceeded', { maxTotalTimeout: this.clocks.maxTotalTimeoutMs }));
    } else if (now >= this.idleAt) {
      this.stop(new SdkError(SdkErrorCode.RequestTimeout, 'Request timed out', { timeout: this.clocks.timeoutMs }));
    }
  }

  override finish(): void {
    super.finish();
    this.clocks.signal?.removeEventListener('abort', this);
  }
}

export class RunningCalls {
  private readonly calls = new Map<string, RunningCall>();
  /**
   * Tokens are strings: the SDK's schema for a token is `string | integer`, tried in that order, so a
   * number fails the first member on every parse; the server's parses of each request cost ~4 µs more
   * with a number (measured by `npm run bench -- calls`, server CPU per call).
   */
  private nextToken = 1;
  private timer: { cancel(): void } | undefined;
  private timerAt = Infinity;
  private lastTick = 0;
  private disposed = false;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    /** True while this server waits on the person: its calls' clocks stand still. */
    private readonly paused: () => boolean,
  ) {
    client.setNotificationHandler('notifications/progress', (n) => this.progress(n));
  }

  /** A new call: send `progressToken` in its params' `_meta`, pass the call as its SDK signal, and `end` it once settled. */
  begin(clocks: CallClocks): RunningCall {
    const now = this.clock.now();
    const call = new RunningCall(`${this.nextToken++}`, clocks, now);
    this.calls.set(call.progressToken, call);
    if (call.dueAt < this.timerAt) this.arm(call.dueAt, now);
    return call;
  }

  end(call: RunningCall): void {
    call.finish();
    this.calls.delete(call.progressToken);
  }

  /** The client is going away: every call still running ends now, as the SDK ends them when it closes. */
  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.timer = undefined;
    for (const call of this.calls.values()) call.stop(new SdkError(SdkErrorCode.ConnectionClosed, 'Connection closed'));
  }

  private progress(n: ProgressNotification): void {
    // Our tokens are strings; a server that sends one back as a number still means the same call.
    const call = this.calls.get(String(n.params.progressToken));
    // As the SDK does: progress for no running call (often one that raced its own result) is reported, not fatal.
    if (!call) this.client.onerror?.(new Error(`Received a progress notification for an unknown token: ${JSON.stringify(n)}`));
    else call.progressed(n.params, this.clock.now());
  }

  /** Makes sure the clocks are looked at by `at`, and at least every HOLD_POLL_MS while calls run. */
  private arm(at: number, now = this.clock.now()): void {
    if (this.disposed) return;
    const when = Math.min(at, now + HOLD_POLL_MS);
    if (when >= this.timerAt) return;
    if (this.timer) this.timer.cancel();
    else this.lastTick = now;
    this.timerAt = when;
    this.timer = this.clock.setTimeout(this.tick, Math.max(0, when - now));
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.clock.now();
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    if (this.calls.size === 0) return;
    const held = this.paused();
    let next = Infinity;
    for (const call of this.calls.values()) {
      if (held) call.hold(elapsed);
      else call.expireIfDue(now);
      if (!call.aborted && call.dueAt < next) next = call.dueAt;
    }
    this.arm(next, now);
  };
}
