// Every tool call passes here before it runs: the policy decides, or the person is asked and the turn waits.
import type { Tool } from '@modelcontextprotocol/client';
import type { ApprovalDecision, GrantView, PendingApprovalView, ToolDecisionView } from '../api/views.ts';
import { applyDecision, decide, DENIED_RESULT_TEXT } from './approvalPolicy.ts';
import { ApprovalQueue } from './approvalQueue.ts';
import type { GrantStore } from './grantStore.ts';
import type { TrustSettings } from './serverTrust.ts';
import type { StopSignal } from '../base/callStop.ts';
import type { EventHub } from '../base/eventHub.ts';

/** What the policy decided for one call (routing's `ToolCall` acts on it). */
export type ApprovalVerdict =
  { kind: 'run'; decision?: ToolDecisionView } | { kind: 'denied'; text: string; decision?: ToolDecisionView } | { kind: 'cancelled' };

/** Who a configured server is for grants (its command line or URL) and how far the person trusts it. */
export interface ServerIdentities {
  identityOf(name: string): { identity: string; trust: TrustSettings } | undefined;
}

/** Where the decision is written down for the person: the server's log. */
export interface ServerNotes {
  note(name: string, text: string): void;
}

export interface ApprovalCall {
  id: string;
  conversationId: string;
  server: string;
  toolName: string;
  input: unknown;
  tool: Tool;
}

export class ToolApprovals {
  private readonly queue: ApprovalQueue;
  private readonly conversationOf = new Map<string, string>();

  constructor(
    private readonly grants: GrantStore,
    private readonly gate: ServerIdentities,
    private readonly fleet: ServerNotes,
    private readonly events: EventHub,
    private readonly now: () => number,
  ) {
    this.queue = new ApprovalQueue(now);
    this.queue.onChange(() => events.emit('approvals.changed', { pending: this.pending() }));
    grants.onChange(() => events.emit('grants.changed', { grants: this.grantViews() }));
  }

  /**
   * Runs the policy for one call. When it asks, `onAwaiting` fires (so the card can say so, with the
   * reason, e.g. a changed definition) and the call waits for `decide` or for `signal` to abort.
   */
  async check(call: ApprovalCall, signal: StopSignal, onAwaiting: (reason?: string) => void): Promise<ApprovalVerdict> {
    const who = this.gate.identityOf(call.server);
    // Fail closed: a server we cannot identify gets no call, never an unchecked one.
    if (!who) {
      const text = `The server "${call.server}" is no longer configured, so this call was not run.`;
      return { kind: 'denied', text, decision: { kind: 'refused', reason: text, at: this.now() } };
    }
    const ctx = { server: call.server, serverIdentity: who.identity, tool: call.tool, grants: this.grants };
    const decision = await decide({ ...ctx, trust: who.trust });
    if (decision.kind === 'allow') return { kind: 'run', decision: { kind: 'rule', rule: decision.reason, at: this.now() } };
    const reason = decision.revokedGrant?.change;
    const askedAt = this.now();
    onAwaiting(reason);
    this.conversationOf.set(call.id, call.conversationId);
    try {
      const answer = await this.queue.request(
        {
          id: call.id,
          server: call.server,
          toolName: call.toolName,
          input: call.input,
          toolDescription: call.tool.description ?? '',
          ...(reason ? { reason } : {}),
        },
        signal,
      );
      if (answer === 'cancelled') return { kind: 'cancelled' };
      const person: ToolDecisionView = { kind: 'person', choice: answer, askedAt, decidedAt: this.now() };
      const applied = await applyDecision(answer, ctx);
      const said =
        answer === 'deny'
          ? `you denied a call to ${call.toolName}`
          : answer === 'allow-always'
            ? `you always allowed ${call.toolName}`
            : `you allowed ${call.toolName} once`;
      this.fleet.note(call.server, said);
      return applied.kind === 'run' ? { kind: 'run', decision: person } : { kind: 'denied', text: DENIED_RESULT_TEXT, decision: person };
    } finally {
      this.conversationOf.delete(call.id);
    }
  }

  decide(callId: string, decision: ApprovalDecision): boolean {
    return this.queue.decide(callId, decision);
  }

  pending(): PendingApprovalView[] {
    return this.queue.pending().map((p) => ({
      id: p.id,
      conversationId: this.conversationOf.get(p.id) ?? '',
      server: p.server,
      toolName: p.toolName,
      input: p.input,
      toolDescription: p.toolDescription,
      ...(p.reason ? { reason: p.reason } : {}),
      requestedAt: p.requestedAt,
    }));
  }

  grantViews(): GrantView[] {
    return this.grants.list().map((g) => ({
      id: g.id,
      server: g.server,
      toolName: g.toolName,
      toolDescription: typeof g.tool.description === 'string' ? g.tool.description : '',
      grantedAt: g.grantedAt,
    }));
  }

  async revoke(id: string): Promise<boolean> {
    return (await this.grants.revoke(id)) !== undefined;
  }

  dispose(): void {
    this.queue.dispose();
  }
}
