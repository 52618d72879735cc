// The one way tests wait for a fact that changes without an event (a pid appearing, a file written):
// poll with a deadline, and say what never happened. Prefer waiting on an event where there is one.

export interface EventuallyOptions {
  /** Give up after this long (generous: the suite runs on a loaded 2-core machine). */
  timeoutMs?: number;
  /** How often to look. */
  everyMs?: number;
}

/**
 * Resolves with the first value `check` returns that is neither undefined nor false; rejects with
 * "Timed out waiting for <what>" at the deadline. `what` may be a function, to describe the last state seen.
 */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string | (() => string),
  { timeoutMs = 20_000, everyMs = 25 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
