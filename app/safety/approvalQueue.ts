// Tool calls waiting for the person's decision. A waiting turn can be cancelled through its signal.
import type { StopSignal } from '../base/callStop.ts';
import { PendingRequests } from '../base/pendingRequests.ts';
import type { ApprovalChoice } from './approvalPolicy.ts';

export type ApprovalAnswer = ApprovalChoice | 'cancelled';

export interface ApprovalRequest {
  /** The tool_use id. */
  id: string;
  server: string;
  /** The tool's own name, as the server spells it. */
  toolName: string;
  input: unknown;
  /** The tool's description, in full: a poisoned description must be seen whole. */
  toolDescription: string;
  /** Why the person is asked, e.g. the change that revoked an "always allow" grant. */
  reason?: string;
}

export interface PendingApproval extends ApprovalRequest {
  requestedAt: number;
}

export class ApprovalQueue {
  private readonly queue = new PendingRequests<PendingApproval, ApprovalChoice>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /**
   * Waits for the person's answer. Resolves 'cancelled' (and drops the request) when the signal
   * aborts, e.g. the turn was cancelled while waiting. A second request with a waiting id is refused.
   */
  request(call: ApprovalRequest, signal: StopSignal): Promise<ApprovalAnswer> {
    if (this.queue.get(call.id)) {
      return Promise.reject(new Error(`Tool call ${call.id} is already waiting for approval.`));
    }
    return this.queue.request({ ...call, requestedAt: this.now() }, signal).then((result) => (result.kind === 'answered' ? result.answer : 'cancelled'));
  }

  /** The person's answer to one waiting call. False when nothing is waiting under that id. */
  decide(callId: string, decision: ApprovalChoice): boolean {
    return this.queue.answer(callId, decision);
  }

  /** Oldest first. Plain data: safe to send to the renderer. */
  pending(): PendingApproval[] {
    return this.queue.list();
  }

  /** Called with the whole pending list whenever it changes. Returns the unsubscribe. */
  onChange(listener: (pending: PendingApproval[]) => void): () => void {
    return this.queue.onChange(listener);
  }

  /** Cancels everything still waiting (shutdown). */
  dispose(): void {
    this.queue.dispose();
  }
}
