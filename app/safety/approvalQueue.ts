// Tool calls waiting for the person's decision. A waiting turn can be cancelled through its signal.
import type { ApprovalChoice } from './approvalPolicy.ts';

export type ApprovalAnswer = ApprovalChoice | 'cancelled';

export interface ApprovalRequest {
  /** The tool_use id. */
  id: string;
  serverName: string;
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

interface Waiter {
  request: PendingApproval;
  settle(answer: ApprovalAnswer): void;
}

export class ApprovalQueue {
  private readonly waiting = new Map<string, Waiter>();
  private readonly listeners = new Set<(pending: PendingApproval[]) => void>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /**
   * Waits for the person's answer. Resolves 'cancelled' (and drops the request) when the signal
   * aborts, e.g. the turn was cancelled while waiting. A second request with a waiting id is refused.
   */
  request(call: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer> {
    if (signal.aborted) return Promise.resolve('cancelled');
    if (this.waiting.has(call.id)) {
      return Promise.reject(new Error(`Tool call ${call.id} is already waiting for approval.`));
    }
    return new Promise<ApprovalAnswer>((resolve) => {
      const onAbort = (): void => waiter.settle('cancelled');
      const waiter: Waiter = {
        request: { ...call, requestedAt: this.now() },
        settle: (answer) => {
          if (this.waiting.get(call.id) !== waiter) return;
          this.waiting.delete(call.id);
          signal.removeEventListener('abort', onAbort);
          resolve(answer);
          this.emit();
        },
      };
      this.waiting.set(call.id, waiter);
      signal.addEventListener('abort', onAbort, { once: true });
      this.emit();
    });
  }

  /** The person's answer to one waiting call. False when nothing is waiting under that id. */
  decide(callId: string, decision: ApprovalChoice): boolean {
    const waiter = this.waiting.get(callId);
    if (!waiter) return false;
    waiter.settle(decision);
    return true;
  }

  /** Oldest first. Plain data: safe to send to the renderer. */
  pending(): PendingApproval[] {
    return [...this.waiting.values()].map((w) => w.request);
  }

  /** Called with the whole pending list whenever it changes. Returns the unsubscribe. */
  onChange(listener: (pending: PendingApproval[]) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Cancels everything still waiting (shutdown). */
  dispose(): void {
    for (const waiter of [...this.waiting.values()]) waiter.settle('cancelled');
    this.listeners.clear();
  }

  private emit(): void {
    const pending = this.pending();
    for (const listener of this.listeners) listener(pending);
  }
}
