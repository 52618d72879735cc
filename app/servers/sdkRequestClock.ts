// Holds the SDK's request timers still while a server waits on the person (a sampling or elicitation
// request they are reading), so its tool calls do not time out meanwhile. The SDK times every request
// natively, exactly as the raw SDK does, at no cost per call; this only touches those timers while such
// a request is open, through the one private field it needs, and degrades to plain SDK timing if the
// field is ever gone.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Clock } from '../base/clock.ts';

interface TimeoutInfo {
  timeoutId: ReturnType<typeof setTimeout>;
  startTime: number;
  timeout: number;
  onTimeout: () => void;
}

interface ProtocolInternals {
  _timeoutInfo?: unknown;
}

/** How often a held clock checks whether the person has answered. */
export const HOLD_POLL_MS = 250;

/**
 * While `paused()` is true, pushes every pending request's idle deadline and total-time start forward.
 * Returns its stop; it also stops by itself once the client is closed. Returns undefined (and the SDK's
 * timers run unheld) when this SDK version keeps its timers elsewhere.
 */
export function holdTimersWhilePaused(client: Client, paused: () => boolean, clock: Clock): (() => void) | undefined {
  const timers = (client as unknown as ProtocolInternals)._timeoutInfo;
  if (!(timers instanceof Map)) return undefined;
  let last = clock.now();
  let timer: { cancel(): void } | undefined;
  const tick = () => {
    const now = clock.now();
    const elapsed = now - last;
    last = now;
    if (!client.transport) return;
    if (paused()) {
      for (const info of (timers as Map<number, TimeoutInfo>).values()) {
        clearTimeout(info.timeoutId);
        info.timeoutId = setTimeout(info.onTimeout, info.timeout);
        info.startTime += elapsed;
      }
    }
    timer = clock.setTimeout(tick, HOLD_POLL_MS);
  };
  timer = clock.setTimeout(tick, HOLD_POLL_MS);
  return () => timer?.cancel();
}
