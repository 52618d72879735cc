// The wait of a tool call that met a sign-in (an expired one, or a step-up): until its server is ready
// again, for at most SIGN_IN_WAIT_MS (base/timeouts.ts); ToolCall then runs it again.
import type { StopSignal } from '../base/callStop.ts';
import type { Clock } from '../base/clock.ts';
import { SIGN_IN_WAIT_MS } from '../base/timeouts.ts';
import type { CallTarget } from './toolCall.ts';

/** Resolves true once the connection is ready again; false if it stops, fails, the wait ends or the call is stopped. */
export function readyAfterSignIn(target: CallTarget, stop: StopSignal, clock: Clock): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (ready: boolean): void => {
      if (done) return;
      done = true;
      off();
      timer.cancel();
      stop.removeEventListener('abort', onStop);
      resolve(ready);
    };
    const check = (): void => {
      const kind = target.state().kind;
      if (kind === 'ready') finish(true);
      else if (kind === 'error' || (kind === 'stopped' && !target.restarting)) finish(false);
    };
    const onStop = (): void => finish(false);
    const off = target.onChange(check);
    const timer = clock.setTimeout(() => finish(false), SIGN_IN_WAIT_MS);
    if (stop.aborted) return finish(false);
    stop.addEventListener('abort', onStop, { once: true });
    check();
  });
}
