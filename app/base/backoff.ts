// Exponential backoff, written once: the delay formula, and the restart policy built on it (full jitter).
// Pure: the caller passes time and randomness.

/**
 * The delay before retry number `attempt` (1-based): base · 2^(attempt − 1), capped. `full` jitter picks
 * in [0, delay] (restarts: spreads a herd); `spread` picks in [0.8, 1.2] × delay (a visible wait).
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number, jitter: 'full' | 'spread'): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return Math.round(jitter === 'full' ? random() * ceiling : ceiling * (0.8 + 0.4 * random()));
}

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Automatic attempts before giving up until a manual restart. */
  maxAttempts: number;
  /** Ready this long and the attempt count starts again. */
  stableMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 60_000, maxAttempts: 6, stableMs: 60_000 };

export class Backoff {
  private attempts = 0;
  private readySince: number | undefined;

  constructor(
    private readonly policy: BackoffPolicy = defaultBackoff,
    private readonly random: () => number = Math.random,
  ) {}

  /** The number of automatic retries scheduled since the last reset. */
  get attempt(): number {
    return this.attempts;
  }

  /** The longest delay the policy allows. */
  get capMs(): number {
    return this.policy.capMs;
  }

  markReady(now: number): void {
    this.readySince = now;
  }

  /** The delay before the next automatic retry, or undefined when the attempts are used up. */
  next(now: number): number | undefined {
    if (this.readySince !== undefined && now - this.readySince >= this.policy.stableMs) this.attempts = 0;
    this.readySince = undefined;
    if (this.attempts >= this.policy.maxAttempts) return undefined;
    this.attempts += 1;
    return backoffDelay(this.attempts, this.policy.baseMs, this.policy.capMs, this.random, 'full');
  }

  reset(): void {
    this.attempts = 0;
    this.readySince = undefined;
  }
}
