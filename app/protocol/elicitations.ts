// A server's `elicitation/create`, waiting for the person. Form mode: fields left out get their schema
// defaults (declared as `elicitation.form.applyDefaults`), then the answers are checked against the
// requested schema in the core. URL mode: the core never fetches the URL; accepting means the person
// consented and the UI opened it through the safe opener. Cancelled when the server cancels or disconnects.
import { randomUUID } from 'node:crypto';
import { type ElicitRequest, type ElicitResult, ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/client';
import { HostError } from '../api/errors.ts';
import type { ElicitationAction, ElicitationView } from '../api/views.ts';
import type { StopSignal } from '../base/callStop.ts';
import type { EventHub } from '../base/eventHub.ts';
import { elicitationDefaults, validateElicitation, type FieldValue } from './elicitationSchema.ts';
import { MAX_OPEN_PER_SERVER, tooManyOpen } from './openRequestLimit.ts';
import { PendingRequests } from '../base/pendingRequests.ts';

interface Response {
  action: ElicitationAction;
  content?: Record<string, FieldValue>;
}

export class Elicitations {
  private readonly queue = new PendingRequests<ElicitationView, Response>();

  constructor(
    events: EventHub,
    private readonly now: () => number,
    private readonly newId: () => string = randomUUID,
    private readonly maxOpenPerServer = MAX_OPEN_PER_SERVER,
  ) {
    this.queue.onDelta((change) => events.emit('elicitation.changed', change));
  }

  pending(): ElicitationView[] {
    return this.queue.list();
  }

  /** Throws invalid-params with field issues when accepted form content does not fit the schema; the request keeps waiting. */
  respond(id: string, action: ElicitationAction, content?: Record<string, FieldValue>): boolean {
    const view = this.queue.get(id);
    if (!view) return false;
    if (action !== 'accept' || view.mode === 'url') {
      if (content !== undefined && action !== 'accept') {
        throw new HostError('invalid-params', 'Only an accepted form sends answers.', [
          { path: 'content', message: 'Leave it out when declining or cancelling.' },
        ]);
      }
      return this.queue.answer(id, { action });
    }
    // Defaults apply in the core, not only in the form: an answer that leaves a field out gets its schema default.
    const answers = { ...elicitationDefaults(view.requestedSchema), ...content };
    const issues = validateElicitation(view.requestedSchema, answers);
    if (issues.length > 0) {
      throw new HostError('invalid-params', `Some answers do not fit what "${view.server}" asked for: ${issues[0]!.message}`, issues);
    }
    return this.queue.answer(id, { action, content: answers });
  }

  /** The request handler for one server's `elicitation/create`. */
  async handle(server: string, params: ElicitRequest['params'], signal: StopSignal): Promise<ElicitResult> {
    if (this.queue.count((v) => v.server === server) >= this.maxOpenPerServer) throw tooManyOpen('elicitation', server, this.maxOpenPerServer);
    const base = { id: this.newId(), server, requestedAt: this.now(), message: params.message };
    let view: ElicitationView;
    if (params.mode === 'url') {
      const url = safeUrl(params.url);
      if (!url) throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Switchboard only opens http and https URLs.');
      view = { ...base, mode: 'url', url: params.url, host: url.host, elicitationId: params.elicitationId };
    } else {
      view = { ...base, mode: 'form', requestedSchema: params.requestedSchema, defaults: elicitationDefaults(params.requestedSchema) };
    }
    const answer = await this.queue.request(view, signal);
    if (answer.kind === 'cancelled') return { action: 'cancel' };
    const { action, content } = answer.answer;
    return action === 'accept' && content ? { action, content } : { action };
  }

  dispose(): void {
    this.queue.dispose();
  }
}

function safeUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
