// The clocks of one server's tool calls: a call expires after `idleMs` without progress, or after
// `maxTotalMs` in all, but never while the server is waiting on the person (a sampling or elicitation
// request they are reading). One sweep timer per server runs only while calls are in flight, so a
// burst of thousands of calls costs no timer each.
import type { Clock } from '../host/hostDeps.ts';

export type WatchdogExpiry = 'idle' | 'total';

interface Tracked {
  idleMs: number;
  idleDeadline: number;
  totalLeftMs: number;
  onExpire: (why: WatchdogExpiry) => void;
}

export interface CallTimer {
  /** Progress arrived: the idle clock starts again. */
  activity(): void;
  stop(): void;
}

/** How often in-flight calls are checked: the precision of every tool-call timeout. */
export const SWEEP_MS = 100;

export class CallWatchdog {
  private readonly calls = new Set<Tracked>();
  private timer: { cancel(): void } | undefined;
  private lastSweep = 0;

  constructor(
    private readonly clock: Clock,
    /** True while the person is deciding something this server waits for: every clock stops. */
    private readonly paused: () => boolean,
  ) {}

  track(opts: { idleMs: number; maxTotalMs?: number; onExpire: (why: WatchdogExpiry) => void }): CallTimer {
    const now = this.clock.now();
    const call: Tracked = {
      idleMs: opts.idleMs,
      idleDeadline: now + opts.idleMs,
      totalLeftMs: opts.maxTotalMs ?? Number.POSITIVE_INFINITY,
      onExpire: opts.onExpire,
    };
    if (this.calls.size === 0) {
      this.lastSweep = now;
      this.schedule();
    }
    this.calls.add(call);
    return {
      activity: () => {
        call.idleDeadline = this.clock.now() + call.idleMs;
      },
      stop: () => {
        this.calls.delete(call);
        if (this.calls.size === 0) this.timer?.cancel();
      },
    };
  }

  private schedule(): void {
    this.timer?.cancel();
    this.timer = this.clock.setTimeout(() => this.sweep(), SWEEP_MS);
  }

  private sweep(): void {
    const now = this.clock.now();
    const elapsed = now - this.lastSweep;
    this.lastSweep = now;
    const paused = this.paused();
    for (const call of [...this.calls]) {
      if (paused) {
        call.idleDeadline += elapsed;
        continue;
      }
      call.totalLeftMs -= elapsed;
      const why: WatchdogExpiry | undefined = call.totalLeftMs <= 0 ? 'total' : now >= call.idleDeadline ? 'idle' : undefined;
      if (why) {
        this.calls.delete(call);
        call.onExpire(why);
      }
    }
    if (this.calls.size > 0) this.schedule();
  }
}
