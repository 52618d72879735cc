// Runs every tool_use of one assistant message concurrently, one ToolCall each (toolCall.ts decides each
// call's life), and returns exactly one tool_result each, in order.
import { CallStop } from '../base/callStop.ts';
import { ToolCall, type ToolCallDeps, type ToolCallOutcome, type ToolUse } from './toolCall.ts';

export interface CallToolsDeps extends ToolCallDeps {
  /** The turn's Stop (or an app frame's): stops every call of the message. */
  signal: AbortSignal;
}

/**
 * One listener on the turn's signal for the whole message, fanned out to one CallStop per call: every
 * call (its approval wait, its SDK request) listens on its own stop, so a hundred parallel calls add
 * one listener to the turn's signal, not a hundred (Node warns past ten), and no EventTarget listener
 * per call (the hot path).
 */
export async function callTools(uses: readonly ToolUse[], deps: CallToolsDeps): Promise<ToolCallOutcome[]> {
  const stops = uses.map(() => new CallStop());
  const onAbort = () => {
    for (const s of stops) s.stop(deps.signal.reason);
  };
  if (deps.signal.aborted) onAbort();
  else deps.signal.addEventListener('abort', onAbort, { once: true });
  try {
    // A finished call's stop is retired: stopping the rest of the message does not cancel it after the fact.
    return await Promise.all(uses.map((use, i) => new ToolCall(use, deps, stops[i]!).run().finally(() => stops[i]!.finish())));
  } finally {
    deps.signal.removeEventListener('abort', onAbort);
  }
}
