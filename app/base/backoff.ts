// Exponential backoff with full jitter for automatic restarts. Pure: the caller passes time and randomness.

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

  markReady(now: number): void {
    this.readySince = now;
  }

  /** The delay before the next automatic retry, or undefined when the attempts are used up. */
  next(now: number): number | undefined {
    if (this.readySince !== undefined && now - this.readySince >= this.policy.stableMs) this.attempts = 0;
    this.readySince = undefined;
    if (this.attempts >= this.policy.maxAttempts) return undefined;
    const ceiling = Math.min(this.policy.capMs, this.policy.baseMs * 2 ** this.attempts);
    this.attempts += 1;
    return Math.round(this.random() * ceiling);
  }

  reset(): void {
    this.attempts = 0;
    this.readySince = undefined;
  }
}
