// A call that met a step-up (or an expired sign-in) waits for the person to sign in, then runs again.
import type { ConnectionState } from '../api/views.ts';
import type { StopSignal } from '../base/callStop.ts';
import type { Clock } from '../base/clock.ts';
import { SIGN_IN_WAIT_MS } from '../base/timeouts.ts';

export interface Watched {
  state(): ConnectionState;
  /** A restart is under way: its brief `stopped` is not the end of the wait. */
  readonly restarting: boolean;
  onChange(fn: () => void): () => void;
}

/** Resolves true once the connection is ready again; false if it stops, fails, the wait ends or the call is stopped. */
export function readyAfterSignIn(conn: Watched, signal: StopSignal | undefined, clock: Clock, waitMs = SIGN_IN_WAIT_MS): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (ready: boolean): void => {
      if (done) return;
      done = true;
      off();
      timer.cancel();
      signal?.removeEventListener('abort', onStop);
      resolve(ready);
    };
    const check = (): void => {
      const kind = conn.state().kind;
      if (kind === 'ready') finish(true);
      else if (kind === 'error' || (kind === 'stopped' && !conn.restarting)) finish(false);
    };
    const onStop = (): void => finish(false);
    const off = conn.onChange(check);
    const timer = clock.setTimeout(() => finish(false), waitMs);
    if (signal?.aborted) return finish(false);
    signal?.addEventListener('abort', onStop, { once: true });
    check();
  });
}
