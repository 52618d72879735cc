// The URL steps a server says a tool call needs first (-32042, URL elicitation required): read from its
// error, and the wait for the server to say one is complete. The call decides when to take them (toolCall.ts).
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/client';
import type { StopSignal } from '../base/callStop.ts';
import type { Clock } from '../base/clock.ts';
import type { EventHub } from '../base/eventHub.ts';
import { MAX_URL_STEPS_SHOWN } from '../base/timeouts.ts';

export interface UrlStep {
  url: string;
  elicitationId: string;
  message: string;
}

/** The steps in `error` (or in one of its first causes), or undefined when it is not a -32042 with any. */
export function urlStepsOf(error: unknown): UrlStep[] | undefined {
  for (let e: unknown = error, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof ProtocolError && e.code === ProtocolErrorCode.UrlElicitationRequired) {
      const list = (e.data as { elicitations?: unknown } | undefined)?.elicitations;
      if (!Array.isArray(list)) return undefined;
      const steps = list.filter(
        (x): x is UrlStep => !!x && typeof x === 'object' && typeof (x as UrlStep).url === 'string' && typeof (x as UrlStep).elicitationId === 'string',
      );
      return steps.length > 0 ? steps.slice(0, MAX_URL_STEPS_SHOWN) : undefined;
    }
  }
  return undefined;
}

/** Settles `done` when the server says the step is complete, `waitMs` have passed, or the call is stopped; `cancel` ends the wait. */
export function stepCompleted(
  events: EventHub,
  step: { server: string; elicitationId: string },
  stop: StopSignal,
  clock: Clock,
  waitMs: number,
): { done: Promise<void>; cancel(): void } {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    let settled = false;
    finish = () => {
      if (settled) return;
      settled = true;
      off();
      timer.cancel();
      stop.removeEventListener('abort', finish);
      resolve();
    };
  });
  const off = events.on('elicitation.completed', (e) => {
    if (e.server === step.server && e.elicitationId === step.elicitationId) finish();
  });
  const timer = clock.setTimeout(() => finish(), waitMs);
  stop.addEventListener('abort', finish, { once: true });
  return { done, cancel: finish };
}
