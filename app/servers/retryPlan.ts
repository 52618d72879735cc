// What a failed connection does next: a remote server that was ready and went away is tried until it is
// back (at the backoff's cap), never given up on; anything else retries while the backoff allows, and a
// final failure (a missing command, a refused sign-in) not at all.
import type { Backoff } from '../base/backoff.ts';
import type { Failure } from './describeFailure.ts';

export interface RetryPlan {
  /** Reconnecting: the server was ready and went away. */
  lost: boolean;
  /** When to try again, or undefined for no retry. */
  delay: number | undefined;
}

/** `lostAt` is when a ready server went away (undefined otherwise); a failure that ends the retries says so in its message. */
export function retryPlan(failure: Failure, lostAt: number | undefined, autoRestart: boolean, backoff: Backoff, now: number, attempt: number): RetryPlan {
  const retrying = autoRestart && !failure.final;
  const lost = lostAt !== undefined && retrying;
  const delay = retrying ? (backoff.next(now) ?? (lost ? backoff.capMs : undefined)) : undefined;
  if (retrying && delay === undefined) failure.message += ` Switchboard stopped retrying after ${attempt} attempts; restart it when it is fixed.`;
  return { lost, delay };
}
