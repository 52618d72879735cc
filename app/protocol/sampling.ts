// A server's `sampling/createMessage`: the person consents (approve, edit or deny) before anything runs on
// the configured Claude model; every request, whatever became of it, goes to the sampling log.
import { randomUUID } from 'node:crypto';
import { type CreateMessageRequest, type CreateMessageResult, ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/client';
import { HostError } from '../api/errors.ts';
import type { SamplingDecision, SamplingLimitsView, SamplingLogEntry, SamplingOutcome, SamplingRequestView } from '../api/views.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { Logger } from '../base/logger.ts';
import { usageOf } from '../llm/assistantDraft.ts';
import { LlmAbortedError, LlmError, type LlmClient } from '../llm/llmClient.ts';
import { MAX_OPEN_PER_SERVER, tooManyOpen } from './openRequestLimit.ts';
import { PendingRequests } from '../base/pendingRequests.ts';
import type { SamplingLimits } from './samplingLimits.ts';
import { SamplingLog } from './samplingLog.ts';
import {
  applyEdits,
  modelPreferencesView,
  samplingMessagesView,
  samplingRequest,
  samplingResult,
  unsupportedReason,
  type SamplingEdits,
} from './samplingMessages.ts';

/** The spec's code for "the user rejected the sampling request". */
export const USER_REJECTED = -1;
const LOGGED_IMAGE_CHARS = 100_000;

export interface SamplingDeps {
  events: EventHub;
  limits: SamplingLimits;
  /** The configured model and a client for it (the settings' key and base URL). */
  llm: () => Promise<{ client: LlmClient; model: string }>;
  now: () => number;
  logger: Logger;
  newId?: () => string;
  /** Requests one server may keep waiting at once; default MAX_OPEN_PER_SERVER. */
  maxOpenPerServer?: number;
}

interface Decision {
  decision: SamplingDecision;
  edited?: SamplingEdits | undefined;
}

export class Sampling {
  private readonly queue = new PendingRequests<SamplingRequestView, Decision>();
  private readonly book = new SamplingLog();
  /** Refusals over the bound since the server last had room, per server: logged once per burst. */
  private readonly refusedOverBound = new Map<string, number>();

  constructor(private readonly deps: SamplingDeps) {
    this.queue.onDelta((change) => deps.events.emit('sampling.changed', change));
  }

  pending(): SamplingRequestView[] {
    return this.queue.list();
  }

  log(): SamplingLogEntry[] {
    return this.book.list();
  }

  limits(server: string): SamplingLimitsView {
    return this.deps.limits.get(server);
  }

  setLimits(server: string, patch: { enabled?: boolean | undefined; maxTokens?: number | undefined }): Promise<SamplingLimitsView> {
    return this.deps.limits.set(server, patch);
  }

  /** The person's answer. Edits are checked first, so a bad edit is refused and the request keeps waiting. */
  decide(id: string, decision: SamplingDecision, edited?: SamplingEdits): boolean {
    const view = this.queue.get(id);
    if (!view) return false;
    if (decision === 'approve' && edited) applyEdits(view, edited, this.deps.limits.get(view.server).maxTokens);
    return this.queue.answer(id, { decision, ...(edited ? { edited } : {}) });
  }

  /** The request handler for one server's `sampling/createMessage`. */
  async handle(server: string, params: CreateMessageRequest['params'], signal: AbortSignal): Promise<CreateMessageResult> {
    this.refuseOverBound(server);
    const { now } = this.deps;
    const limits = this.deps.limits.get(server);
    const { model } = await this.deps.llm();
    const requestedMaxTokens = params.maxTokens;
    const view: SamplingRequestView = {
      id: (this.deps.newId ?? randomUUID)(),
      server,
      requestedAt: now(),
      messages: samplingMessagesView(params),
      ...(params.systemPrompt ? { systemPrompt: params.systemPrompt } : {}),
      maxTokens: Math.max(1, Math.min(requestedMaxTokens, limits.maxTokens)),
      requestedMaxTokens,
      ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
      ...(params.stopSequences?.length ? { stopSequences: params.stopSequences } : {}),
      ...(params.modelPreferences ? { modelPreferences: modelPreferencesView(params)! } : {}),
      ...(params.includeContext && params.includeContext !== 'none' ? { includeContext: params.includeContext } : {}),
      model,
    };
    const unsupported = unsupportedReason(params);
    if (unsupported) {
      this.record(view, 'refused', { error: unsupported });
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, unsupported);
    }
    if (!limits.enabled) {
      const reason = `The person turned off sampling for "${server}" in Switchboard.`;
      this.record(view, 'refused', { error: reason });
      throw new ProtocolError(USER_REJECTED, reason);
    }

    // Checked again with no await before the request joins the queue, so concurrent requests cannot all slip past.
    this.refuseOverBound(server);
    const answer = await this.queue.request(view, signal);
    if (answer.kind === 'cancelled') {
      this.record(view, 'cancelled', { error: 'Cancelled before the person decided.' });
      throw new ProtocolError(USER_REJECTED, 'The sampling request was cancelled.');
    }
    if (answer.answer.decision === 'deny') {
      this.record(view, 'denied');
      throw new ProtocolError(USER_REJECTED, 'The person declined this sampling request.');
    }
    const edited = answer.answer.edited;
    const final = edited ? applyEdits(view, edited, limits.maxTokens) : view;
    const outcome: SamplingOutcome = edited ? 'edited' : 'approved';
    try {
      const llm = await this.deps.llm();
      const message = await llm.client.stream(samplingRequest(final, llm.model), { signal });
      const result = samplingResult(message);
      this.record(final, outcome, {
        model: result.model,
        ...(result.stopReason ? { stopReason: result.stopReason } : {}),
        responseText: result.content.type === 'text' ? result.content.text : '',
        usage: usageOf(message),
      });
      return result;
    } catch (error) {
      const reason =
        error instanceof LlmAbortedError
          ? 'The sampling request was cancelled while Claude was answering.'
          : error instanceof LlmError || error instanceof HostError
            ? error.message
            : String(error);
      this.record(final, 'failed', { error: reason });
      this.deps.logger.warn('sampling failed', { server, error: reason });
      throw new ProtocolError(
        error instanceof HostError ? ProtocolErrorCode.InvalidParams : ProtocolErrorCode.InternalError,
        `Claude could not answer this sampling request: ${reason}`,
      );
    }
  }

  dispose(): void {
    this.queue.dispose();
  }

  /** Throws the JSON-RPC error the server receives when it already has the most requests waiting; logs once per burst. */
  private refuseOverBound(server: string): void {
    const max = this.deps.maxOpenPerServer ?? MAX_OPEN_PER_SERVER;
    if (this.queue.count((v) => v.server === server) < max) {
      this.refusedOverBound.delete(server);
      return;
    }
    const refused = (this.refusedOverBound.get(server) ?? 0) + 1;
    this.refusedOverBound.set(server, refused);
    if (refused === 1) this.deps.logger.warn(`${server} sent more sampling requests than the ${max} that may wait at once; refusing the excess`);
    throw tooManyOpen('sampling', server, max);
  }

  private record(view: SamplingRequestView, outcome: SamplingOutcome, extra: Partial<SamplingLogEntry> = {}): void {
    const entry: SamplingLogEntry = {
      id: view.id,
      server: view.server,
      requestedAt: view.requestedAt,
      finishedAt: this.deps.now(),
      outcome,
      messages: view.messages.map((m) => ({
        role: m.role,
        content: m.content.map((c) => (c.kind === 'image' && c.data.length > LOGGED_IMAGE_CHARS ? { ...c, data: '' } : c)),
      })),
      ...(view.systemPrompt ? { systemPrompt: view.systemPrompt } : {}),
      maxTokens: view.maxTokens,
      ...extra,
    };
    this.book.add(entry);
    this.deps.events.emit('sampling.logged', { entry });
  }
}
