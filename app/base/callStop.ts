// The Stop of one call. Every tool call needs one (the person's Stop, a closed app frame), and the MCP
// SDK adds an 'abort' listener to it for each request and never takes it off. On Node's AbortSignal
// that listener alone costs about 3 µs (EventTarget bookkeeping): a tenth of a whole call's cost at
// full throughput. A CallStop is the same promise as a plain object, cheap enough to make per call.

/**
 * What a call reads of its Stop: the part of AbortSignal that the call path, the approval queue and the
 * SDK's `Protocol.request` use. A real AbortSignal fits it too, so a server's own cancellation (the
 * SDK's `extra.signal`) and a CallStop travel the same way.
 */
export interface StopSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
  addEventListener(type: 'abort', listener: StopListener, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: StopListener): void;
}

/** A function, or an object with `handleEvent` (as EventTarget allows): a call can listen as itself, with no closure. */
export type StopListener = (() => void) | { handleEvent(): void };

export class CallStop implements StopSignal {
  private stopped: { reason: unknown } | undefined;
  /** Most stops have one listener (the SDK's request): no array until a second one comes. */
  private listener: StopListener | StopListener[] | undefined;
  private finished = false;

  get aborted(): boolean {
    return this.stopped !== undefined;
  }

  get reason(): unknown {
    return this.stopped?.reason;
  }

  throwIfAborted(): void {
    if (this.stopped) throw this.stopped.reason;
  }

  /** Every listener runs once, at the first `stop` (listeners are one-shot whatever `options` say). */
  addEventListener(_type: 'abort', listener: StopListener): void {
    if (this.stopped || this.finished) return;
    const l = this.listener;
    this.listener = l === undefined ? listener : Array.isArray(l) ? (l.push(listener), l) : [l, listener];
  }

  removeEventListener(_type: 'abort', listener: StopListener): void {
    const l = this.listener;
    if (l === listener) this.listener = undefined;
    else if (Array.isArray(l)) {
      const i = l.indexOf(listener);
      if (i !== -1) l.splice(i, 1);
    }
  }

  /** Stops the call. Does nothing after the first stop, or once the call has finished. */
  stop(reason: unknown = stopReason()): void {
    if (this.stopped || this.finished) return;
    this.stopped = { reason };
    const l = this.listener;
    this.listener = undefined;
    if (Array.isArray(l)) for (const fn of l) run(fn);
    else if (l !== undefined) run(l);
  }

  /**
   * The call is over: a later Stop of its turn no longer reaches it. Without this, stopping a turn
   * would tell each server that its already finished calls were cancelled (the SDK's listener stays).
   */
  finish(): void {
    this.finished = true;
    this.listener = undefined;
  }
}

/** As EventTarget does: a listener that throws is reported and the others still run. */
function run(listener: StopListener): void {
  try {
    if (typeof listener === 'function') listener();
    else listener.handleEvent();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

/**
 * A StopSignal for the MCP SDK's request options, which type it as AbortSignal but read only `aborted`,
 * `reason`, `throwIfAborted` and one 'abort' listener: a CallStop goes in as it is, with no EventTarget
 * per call. `tests/unit/servers/callStop.test.ts` holds the installed SDK to that.
 */
export function requestSignal(stop: StopSignal): AbortSignal {
  return stop as AbortSignal;
}

function stopReason(): Error {
  const error = new Error('The call was stopped.');
  error.name = 'AbortError';
  return error;
}
