// The clock of one tool call: it expires after `idleMs` without progress, or after `maxTotalMs` in all,
// but never while the server is waiting on the person (a sampling or elicitation request they are reading).
import type { Clock } from '../host/hostDeps.ts';

export type WatchdogExpiry = 'idle' | 'total';

export interface CallWatchdogOptions {
  idleMs: number;
  maxTotalMs?: number;
  clock: Clock;
  /** True while the person is deciding something this call waits for: the clock stops. */
  paused: () => boolean;
  onExpire: (why: WatchdogExpiry) => void;
}

/** How often a paused clock checks whether the person has answered. */
const PAUSE_POLL_MS = 250;

export class CallWatchdog {
  private idle: { cancel(): void } | undefined;
  private total: { cancel(): void } | undefined;
  private usedMs = 0;
  private since: number;
  private done = false;

  constructor(private readonly opts: CallWatchdogOptions) {
    this.since = opts.clock.now();
    this.armIdle(opts.idleMs);
    if (opts.maxTotalMs !== undefined) this.armTotal(opts.maxTotalMs);
  }

  /** Progress arrived: the idle clock starts again. */
  activity(): void {
    if (!this.done) this.armIdle(this.opts.idleMs);
  }

  stop(): void {
    this.done = true;
    this.idle?.cancel();
    this.total?.cancel();
  }

  private armIdle(ms: number): void {
    this.idle?.cancel();
    this.idle = this.opts.clock.setTimeout(() => {
      if (this.done) return;
      if (this.opts.paused()) return this.armIdle(Math.min(PAUSE_POLL_MS, this.opts.idleMs));
      this.expire('idle');
    }, ms);
  }

  private armTotal(ms: number): void {
    this.total?.cancel();
    this.total = this.opts.clock.setTimeout(() => {
      if (this.done) return;
      const now = this.opts.clock.now();
      if (this.opts.paused()) {
        this.since = now;
        return this.armTotal(PAUSE_POLL_MS);
      }
      this.usedMs += now - this.since;
      this.since = now;
      const left = (this.opts.maxTotalMs ?? 0) - this.usedMs;
      if (left > 0) return this.armTotal(left);
      this.expire('total');
    }, ms);
  }

  private expire(why: WatchdogExpiry): void {
    this.stop();
    this.opts.onExpire(why);
  }
}
