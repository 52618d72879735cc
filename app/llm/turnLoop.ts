// One user turn: stream Claude's reply, run its tool calls, feed the results back, until it is done.
// The transcript stays valid for the Messages API after every step, whatever happens mid-turn.
import { randomUUID } from 'node:crypto';
import type { ContentBlockParam, Message, MessageParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import type { ApiErrorView, AppOriginView, AttachmentView, ChatEvent, MessageView, RequestToolsView, TurnOutcome, UsageView } from '../api/views.ts';
import type { Conversation } from '../conversations/conversation.ts';
import { backoffDelay } from '../base/backoff.ts';
import type { Logger } from '../base/logger.ts';
import { callTools } from '../routing/toolCaller.ts';
import { CANCELLED_MESSAGE, type ToolCallDeps } from '../routing/toolCall.ts';
import type { ResultBudgets } from '../routing/toolResultContent.ts';
import type { ToolRegistry } from '../routing/toolRegistry.ts';
import { isRetryable } from './apiErrors.ts';
import { AssistantDraft, addUsage, transcriptContent, usageOf } from './assistantDraft.ts';
import { LlmAbortedError, LlmError, type LlmClient } from './llmClient.ts';
import { buildRequest } from './requestBuilder.ts';
import { repairTranscript } from './transcriptRepair.ts';
import { fitTranscript, planTools, rejectsToolSearch, type ToolPlan } from './toolPlan.ts';

export { repairTranscript } from './transcriptRepair.ts';

export type { TurnOutcome };

export interface TurnDeps {
  conversation: Conversation;
  /** The person's message. Omit to retry: a trailing assistant reply in the transcript is dropped and asked for again. */
  userText?: string;
  /** Context sent before the person's text (read resources), and what the message shows of it. */
  attachments?: { blocks: ContentBlockParam[]; views: AttachmentView[] };
  /** The MCP App that sent `userText` (`ui/message`), shown on the message. */
  fromApp?: AppOriginView;
  turnId: string;
  llm: LlmClient;
  model: string;
  maxTokens: number;
  system?: string;
  registry: Pick<ToolRegistry, 'apiTools' | 'resolve'>;
  /** Where tool calls go, the approval policy they pass, how their URL steps are shown (routing/toolCall.ts decides each call's life). */
  calls: TurnCalls;
  signal: AbortSignal;
  emit: (event: ChatEvent) => void;
  /** Called after every step (user message, assistant message, tool results): save the conversation here. */
  onStep: (conversation: Conversation) => void | Promise<void>;
  now?: () => number;
  /** Waits before a retry; must reject or resolve early when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  newId?: () => string;
  random?: () => number;
  /** Model requests per turn (default 25). */
  maxIterations?: number;
  /** Attempts per request for rate limits, overload and 5xx (default 4). */
  maxAttempts?: number;
  budgets?: Partial<ResultBudgets>;
  logger?: Logger;
  /** Masks secrets in each tool call's raw JSON-RPC view. */
  redact?: (text: string) => string;
  /** Why a tool is unavailable when its server is known but not ready. */
  whyUnavailable?: (apiName: string) => string | undefined;
  /** Which tools each request carries (loaded or deferred behind tool search); default: every tool, loaded. */
  planTools?: (transcript: readonly MessageParam[]) => ToolPlan;
  /** Servers still starting when a request goes out (their tools join a later request). */
  startingServers?: () => string[];
  /**
   * The API refused tool search (a 400 naming it). Return undefined to send the request again at once
   * without it, or the error (in words) the turn ends with.
   */
  onToolSearchRefused?: (error: ApiErrorView) => ApiErrorView | undefined;
}

export type TurnCalls = Pick<ToolCallDeps, 'servers' | 'accountOf' | 'approvals' | 'urlSteps' | 'clock'>;

export interface TurnResult {
  outcome: TurnOutcome;
  error?: ApiErrorView;
  usage: UsageView;
}

type Streamed =
  | { kind: 'ok'; draft: AssistantDraft; message: Message }
  | { kind: 'cancelled'; draft?: AssistantDraft }
  | { kind: 'error'; error: ApiErrorView; draft?: AssistantDraft };

const ZERO_USAGE: UsageView = { inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, cacheCreationInputTokens: 0 };
const MAX_RETRY_WAIT_MS = 120_000;

export async function runTurn(deps: TurnDeps): Promise<TurnResult> {
  const c = deps.conversation;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  let usage = ZERO_USAGE;

  const step = async () => {
    c.updatedAt = now();
    try {
      await deps.onStep(c);
    } catch (err) {
      deps.logger?.error('Could not save the conversation after a step.', { conversationId: c.id, error: String(err) });
    }
  };
  const finish = (outcome: TurnOutcome, error?: ApiErrorView): TurnResult => {
    deps.emit({ type: 'turn.finished', conversationId: c.id, turnId: deps.turnId, outcome, usage, ...(error ? { error } : {}) });
    return { outcome, usage, ...(error ? { error } : {}) };
  };

  if (deps.userText !== undefined) {
    if (deps.userText.trim() === '') throw new Error('Write a message before sending.');
    const attached = deps.attachments?.views.length ? { attachments: deps.attachments.views } : {};
    const userMessage: MessageView = {
      role: 'user',
      id: newId(),
      createdAt: now(),
      text: deps.userText,
      ...attached,
      ...(deps.fromApp ? { app: deps.fromApp } : {}),
    };
    appendUserText(c.transcript, deps.fromApp ? appMessageForModel(deps.userText, deps.fromApp) : deps.userText, deps.attachments?.blocks ?? []);
    c.messages.push(userMessage);
    deps.emit({ type: 'turn.started', conversationId: c.id, turnId: deps.turnId, userMessage });
    await step();
  } else {
    if (c.transcript.at(-1)?.role === 'assistant') c.transcript.pop();
    deps.emit({ type: 'turn.started', conversationId: c.id, turnId: deps.turnId });
  }

  const maxIterations = deps.maxIterations ?? 25;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (deps.signal.aborted) return finish('cancelled');
    const streamed = await streamWithRetries(deps, newId, now);

    if (streamed.kind === 'cancelled') {
      const draft = streamed.draft;
      if (draft) {
        keepPartial(c.transcript, draft);
        draft.settlePendingCalls('cancelled', CANCELLED_MESSAGE);
        draft.finish('cancelled');
        await step();
      }
      return finish('cancelled');
    }

    if (streamed.kind === 'error') {
      const draft = streamed.draft ?? startDraft(deps, newId, now);
      draft.view.error = streamed.error;
      keepPartial(c.transcript, draft);
      draft.settlePendingCalls('error', 'Not run: the reply was interrupted before this call was complete.');
      draft.finish(streamed.draft ? 'interrupted' : 'error');
      await step();
      return finish('error', streamed.error);
    }

    const { draft, message } = streamed;
    const messageUsage = usageOf(message);
    usage = addUsage(usage, messageUsage);
    const toolUses = message.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
    const runTools = message.stop_reason === 'tool_use' && toolUses.length > 0;
    if (!runTools && toolUses.length > 0) {
      // A tool_use cut off by max_tokens is incomplete: it is never run, and left out of the transcript.
      draft.settlePendingCalls(
        'error',
        message.stop_reason === 'max_tokens'
          ? 'Not run: the reply hit the max_tokens limit before this tool call was complete.'
          : 'Not run: the reply ended without asking for tool results.',
      );
    }
    const content = transcriptContent(message, runTools);
    if (content.length > 0) c.transcript.push({ role: 'assistant', content });
    draft.finish('complete', { ...(message.stop_reason ? { stopReason: message.stop_reason } : {}), usage: messageUsage });
    await step();
    // The API paused a long server-tool step (a tool search): send the reply back as it is and it goes on.
    if (message.stop_reason === 'pause_turn' && content.length > 0) continue;
    if (!runTools) return finish('complete');

    const outcomes = await callTools(toolUses, {
      registry: deps.registry,
      ...deps.calls,
      signal: deps.signal,
      now,
      ...(deps.budgets ? { budgets: deps.budgets } : {}),
      ...(deps.redact ? { redact: deps.redact } : {}),
      ...(deps.whyUnavailable ? { whyUnavailable: deps.whyUnavailable } : {}),
      onUpdate: (call) => draft.updateCall(call.id, call),
    });
    c.transcript.push({ role: 'user', content: outcomes.map((o) => o.toolResult) });
    await step();
    if (deps.signal.aborted) return finish('cancelled');
  }
  return finish('max-iterations');
}

async function streamWithRetries(deps: TurnDeps, newId: () => string, now: () => number): Promise<Streamed> {
  const c = deps.conversation;
  const maxAttempts = deps.maxAttempts ?? 4;
  let searchRefused = false;
  for (let attempt = 1; ; attempt++) {
    let draft: AssistantDraft | undefined;
    const messages = repairTranscript(c.transcript);
    const plan = deps.planTools
      ? deps.planTools(messages)
      : planTools({ tools: deps.registry.apiTools(), search: false, pinned: new Set(), transcript: messages });
    const starting = deps.startingServers?.() ?? [];
    const tools: RequestToolsView = { loaded: plan.loaded, available: plan.available, deferred: plan.deferred, ...(starting.length ? { starting } : {}) };
    const ensureDraft = () => (draft ??= startDraft(deps, newId, now, tools));
    const request = buildRequest({
      model: deps.model,
      maxTokens: deps.maxTokens,
      ...(deps.system ? { system: deps.system } : {}),
      tools: plan.tools,
      messages: fitTranscript(messages, plan),
    });
    try {
      const message = await deps.llm.stream(request, {
        signal: deps.signal,
        onStart: ensureDraft,
        onBlockStart: (i, b) => ensureDraft().blockStart(i, b),
        onText: (i, t) => ensureDraft().text(i, t),
        onBlockStop: (i, b) => ensureDraft().blockStop(i, b),
      });
      if (!draft) {
        const d = ensureDraft();
        message.content.forEach((b, i) => {
          d.blockStart(i, b);
          d.blockStop(i, b);
        });
      }
      return { kind: 'ok', draft: ensureDraft(), message };
    } catch (err) {
      if (err instanceof LlmAbortedError || deps.signal.aborted) return { kind: 'cancelled', ...(draft ? { draft } : {}) };
      const error = err instanceof LlmError ? err.view : { kind: 'unknown' as const, message: `The request failed: ${String(err)}` };
      if (plan.deferred && !draft && !searchRefused && deps.onToolSearchRefused && rejectsToolSearch(error)) {
        searchRefused = true;
        const end = deps.onToolSearchRefused(error);
        if (end) return { kind: 'error', error: end };
        attempt--;
        continue;
      }
      if (!isRetryable(error) || attempt >= maxAttempts) return { kind: 'error', error, ...(draft ? { draft } : {}) };
      if (draft) {
        draft.view.error = error;
        draft.settlePendingCalls('error', 'Not run: the reply was interrupted and is being retried.');
        draft.finish('interrupted');
      }
      const wait = retryDelay(error, attempt, now(), deps.random ?? Math.random);
      deps.emit({ type: 'turn.retrying', conversationId: c.id, turnId: deps.turnId, attempt, retryAt: now() + wait, reason: error.message });
      try {
        await (deps.sleep ?? abortableSleep)(wait, deps.signal);
      } catch {
        /* aborted */
      }
      if (deps.signal.aborted) return { kind: 'cancelled' };
    }
  }
}

function startDraft(deps: TurnDeps, newId: () => string, now: () => number, tools?: RequestToolsView): AssistantDraft {
  const c = deps.conversation;
  const draft = new AssistantDraft(newId(), deps.model, now(), c.id, deps.registry, deps.emit, tools);
  c.messages.push(draft.view);
  deps.emit({ type: 'message.started', conversationId: c.id, message: structuredClone(draft.view) });
  return draft;
}

/** Backoff for a retry: the API's retry-after when given, else 1 s, 2 s, 4 s … (capped) with ±20 % jitter. */
export function retryDelay(error: ApiErrorView, attempt: number, now: number, random: () => number): number {
  if (error.retryAt !== undefined) return Math.min(Math.max(0, error.retryAt - now), MAX_RETRY_WAIT_MS);
  return backoffDelay(attempt, 1_000, 30_000, random, 'spread');
}

function keepPartial(transcript: MessageParam[], draft: AssistantDraft): void {
  const partial = draft.partialContent();
  if (partial.length > 0) transcript.push({ role: 'assistant', content: partial });
}

/** An app's `ui/message` as Claude receives it: labelled as the app's words, which the person chose to send, never as the person's own. */
export function appMessageForModel(text: string, app: AppOriginView): string {
  return `[Message from the app of the tool ${JSON.stringify(app.tool)} of MCP server ${JSON.stringify(app.server)}: the app wrote it, not the person; the person clicked to send it]\n${text}`;
}

/** Appends the person's text (after any attached context); after a tool_result message (a turn that hit its bound) it joins that message. */
function appendUserText(transcript: MessageParam[], text: string, context: ContentBlockParam[]): void {
  const last = transcript.at(-1);
  if (last?.role === 'user') {
    const blocks = typeof last.content === 'string' ? [{ type: 'text' as const, text: last.content }] : last.content;
    transcript[transcript.length - 1] = { role: 'user', content: [...blocks, ...context, { type: 'text', text }] };
  } else {
    transcript.push({ role: 'user', content: [...context, { type: 'text', text }] });
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
