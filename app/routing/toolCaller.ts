// Runs every tool_use of one assistant message concurrently and returns exactly one tool_result each, in order.
import { type CallToolResult, SdkErrorCode } from '@modelcontextprotocol/client';
import type { ToolResultBlockParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import type { ToolCallView, ToolResultSizeView, WireMessageView } from '../api/views.ts';
import { CallStop, type StopSignal } from '../base/callStop.ts';
import { redactStrings } from '../secrets/index.ts';
import { ToolCallError } from '../servers/callErrors.ts';
import type { ApprovalVerdict } from '../safety/toolApprovals.ts';
import type { ResolvedTool, ToolRegistry } from './toolRegistry.ts';
import { mapToolResult, type ResultBudgets } from './toolResultContent.ts';

export interface ToolProgress {
  progress: number;
  total?: number | undefined;
  message?: string | undefined;
}

/** Calls one tool on one server. Timeouts are the invoker's job (every limit: base/timeouts.ts); it must honour `signal`. */
export type ToolInvoker = (
  serverName: string,
  toolName: string,
  args: Record<string, unknown>,
  opts: { signal: StopSignal; onProgress?: (p: ToolProgress) => void; onWire?: (messages: WireMessageView[]) => void },
) => Promise<CallToolResult>;

export type ToolUse = Pick<ToolUseBlock, 'id' | 'name' | 'input'>;

/**
 * The approval policy, run before every call. It may wait for the person (calling `onAwaiting` first,
 * so the card says so) and must settle 'cancelled' when `signal` aborts.
 */
export type ApprovalGate = (
  request: { call: ToolCallView; resolved: ResolvedTool },
  signal: StopSignal,
  onAwaiting: (reason?: string) => void,
) => Promise<ApprovalVerdict>;

export interface CallToolsDeps {
  registry: Pick<ToolRegistry, 'resolve'>;
  invoke: ToolInvoker;
  /** Every call passes this before it runs; without it, calls run at once. */
  approve?: ApprovalGate;
  signal: AbortSignal;
  now?: () => number;
  /** Every change of a call: running, progress, then done / error / cancelled. */
  onUpdate?: (call: ToolCallView) => void;
  budgets?: Partial<ResultBudgets>;
  /**
   * Masks known secrets (the redactor's rules, as on screen) in the raw JSON-RPC view and in the result
   * itself before it reaches the transcript: Claude sees, and the conversation file keeps, the mask.
   */
  redact?: (text: string) => string;
  /** Why a tool name does not resolve, when its server is known but not ready (e.g. reconnecting). */
  whyUnavailable?: (apiName: string) => string | undefined;
}

export interface ToolCallOutcome {
  toolResult: ToolResultBlockParam;
  call: ToolCallView;
}

export const CANCELLED_MESSAGE = 'The person stopped this tool call.';

/** The size of a tool_result's content as sent to Claude: UTF-8 bytes, and about 4 characters a token (an image as 1,600). */
export function sizeOfResult(content: ToolResultBlockParam['content']): ToolResultSizeView {
  const blocks = typeof content === 'string' ? [{ type: 'text' as const, text: content }] : (content ?? []);
  let chars = 0;
  let images = 0;
  for (const b of blocks) {
    if (b.type === 'text') chars += b.text.length;
    else if (b.type === 'image') images += 1;
  }
  return { bytes: Buffer.byteLength(JSON.stringify(content ?? '')), approxTokens: Math.ceil(chars / 4) + images * 1_600 };
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
    return await Promise.all(uses.map((use, i) => callOne(use, deps, stops[i]!).finally(() => stops[i]!.finish())));
  } finally {
    deps.signal.removeEventListener('abort', onAbort);
  }
}

/** A tool_use as its card first shows it: server and tool as people know them, not run yet. */
export function pendingCallView(use: ToolUse, registry: Pick<ToolRegistry, 'resolve'>): ToolCallView {
  const resolved = registry.resolve(use.name);
  return {
    id: use.id,
    apiName: use.name,
    serverName: resolved?.serverName ?? '',
    toolName: resolved?.toolName ?? use.name,
    input: use.input,
    status: 'pending',
  };
}

async function callOne(use: ToolUse, deps: CallToolsDeps, signal: StopSignal): Promise<ToolCallOutcome> {
  const now = deps.now ?? Date.now;
  const resolved = deps.registry.resolve(use.name);
  const call = pendingCallView(use, deps.registry);
  const update = (patch: Partial<ToolCallView>) => {
    Object.assign(call, patch);
    deps.onUpdate?.({ ...call });
  };
  const redact = deps.redact ?? ((text: string) => text);
  const fail = (status: 'error' | 'denied' | 'cancelled', shown: string): ToolCallOutcome => {
    const reason = redact(shown);
    const content: ToolResultBlockParam['content'] = [{ type: 'text', text: reason }];
    update({ status, error: reason, sent: sizeOfResult(content), ...(call.startedAt !== undefined ? { durationMs: now() - call.startedAt } : {}) });
    return { call: { ...call }, toolResult: { type: 'tool_result', tool_use_id: use.id, is_error: true, content } };
  };

  if (signal.aborted) return fail('cancelled', CANCELLED_MESSAGE);
  if (!resolved) {
    const why = deps.whyUnavailable?.(use.name);
    return fail('error', why ?? `There is no tool named "${use.name}" available right now: it is unknown, disabled, or its server is not ready.`);
  }
  if (typeof use.input !== 'object' || use.input === null || Array.isArray(use.input)) {
    return fail('error', `The input for "${use.name}" must be a JSON object.`);
  }

  if (deps.approve) {
    const verdict = await deps.approve({ call: { ...call }, resolved }, signal, (reason) =>
      update({ status: 'awaiting-approval', toolDescription: resolved.tool.description ?? '', ...(reason ? { approvalReason: reason } : {}) }),
    );
    if (verdict.kind === 'cancelled' || signal.aborted) return fail('cancelled', CANCELLED_MESSAGE);
    if (verdict.decision) {
      const d = verdict.decision;
      update({ decision: d, ...(d.kind === 'person' ? { waitedMs: d.decidedAt - d.askedAt } : {}) });
    }
    if (verdict.kind === 'denied') return fail('denied', verdict.text);
  }

  // Answers 'cancelled' at once on Stop, even when a server never replies to the cancellation.
  let stopped: () => void = () => {};
  const cancelled = new Promise<'cancelled'>((resolve) => {
    stopped = () => resolve('cancelled');
    signal.addEventListener('abort', stopped, { once: true });
  });
  update({ status: 'running', startedAt: now() });
  try {
    const outcome = await Promise.race([
      deps.invoke(resolved.serverName, resolved.toolName, use.input as Record<string, unknown>, {
        signal,
        onProgress: (p) => {
          if (call.status === 'running') update({ progress: { ...p } });
        },
        onWire: (messages) => {
          call.wire = messages.map((m) => ({ ...m, json: redact(m.json) }));
        },
      }),
      cancelled,
    ]);
    if (outcome === 'cancelled') return fail('cancelled', CANCELLED_MESSAGE);
    const mapped = mapToolResult(redactStrings(outcome, redact), deps.budgets);
    const durationMs = now() - (call.startedAt ?? now());
    const sent = sizeOfResult(mapped.content);
    if (mapped.isError) {
      const first = mapped.view.content.find((c) => c.kind === 'text');
      update({
        status: 'error',
        durationMs,
        sent,
        result: mapped.view,
        error: first?.kind === 'text' ? first.text.slice(0, 500) : 'The tool reported an error.',
      });
    } else {
      update({ status: 'done', durationMs, sent, result: mapped.view });
    }
    return {
      call: { ...call },
      toolResult: { type: 'tool_result', tool_use_id: use.id, content: mapped.content, ...(mapped.isError ? { is_error: true } : {}) },
    };
  } catch (err) {
    if (signal.aborted) return fail('cancelled', CANCELLED_MESSAGE);
    return fail('error', describeFailure(resolved.serverName, resolved.toolName, err));
  } finally {
    signal.removeEventListener('abort', stopped);
  }
}

/** The connection's own ToolCallErrors are already written for people, naming tool and server: pass them on as they are. */
function describeFailure(serverName: string, toolName: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof ToolCallError) return message;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === SdkErrorCode.RequestTimeout || /timed? ?out/i.test(message)) {
    return `The tool "${toolName}" on server "${serverName}" did not answer in time: ${message}`;
  }
  return `The tool "${toolName}" on server "${serverName}" failed: ${message}`;
}
