// Tool calls waiting on the person, the grants they gave, and how a list of waiting requests changes.
// Plain data that crosses the contract: everything here must survive JSON.stringify.

export type ApprovalDecision = 'allow-once' | 'allow-always' | 'deny';

export interface PendingApprovalView {
  /** The tool_use id: pass it to `tools.decide`. */
  id: string;
  conversationId: string;
  server: string;
  toolName: string;
  input: unknown;
  toolDescription: string;
  reason?: string;
  requestedAt: number;
}

/** An "always allow" grant: keyed to the server's identity, the tool's name and its exact definition. */
export interface GrantView {
  id: string;
  server: string;
  toolName: string;
  toolDescription: string;
  grantedAt: number;
}

/** One step of a list of requests waiting on the person: applied in order, it rebuilds the list. */
export type PendingChange<V> = { kind: 'added'; request: V } | { kind: 'removed'; id: string };
