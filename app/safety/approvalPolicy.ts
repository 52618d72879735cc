// The one policy every tool call passes. Asking is the default; annotations are untrusted hints.
import { assertNever } from '../api/errors.ts';
import type { GrantStore } from './grantStore.ts';
import type { TrustSettings } from './serverTrust.ts';
import { describeToolChange, toolFingerprint, type ToolChangeItem, type ToolDefinition } from './toolFingerprint.ts';

/** The tool_result text the model receives when the person declines a call. */
export const DENIED_RESULT_TEXT = 'The person declined this tool call. Do not retry it; ask them what they would like instead.';

export type AllowReason = 'granted' | 'trusted-server' | 'read-only-trusted';

export type PolicyDecision =
  | { kind: 'allow'; reason: AllowReason }
  | {
      kind: 'ask';
      /** Set when an "always allow" grant was just revoked because the tool's definition changed (a rug pull). */
      revokedGrant?: { grantId: string; change: string; items: ToolChangeItem[] };
    };

export interface PolicyContext {
  server: string;
  serverIdentity: string;
  /** The tool as the server lists it right now (the raw MCP Tool, annotations included). */
  tool: ToolDefinition;
  trust: TrustSettings;
  grants: Pick<GrantStore, 'find' | 'revoke' | 'add'>;
}

/**
 * In order: a matching grant allows; a grant for an older definition is revoked and the person is
 * asked, with the change (even on a trusted server, so they see it); a server the person trusts
 * and auto-approves runs everything; a server whose read-only hints the person chose to trust runs
 * its `readOnlyHint` tools; everything else asks. `readOnlyHint` alone never allows anything.
 */
export async function decide(ctx: PolicyContext): Promise<PolicyDecision> {
  const grant = ctx.grants.find(ctx.serverIdentity, ctx.tool.name);
  if (grant) {
    if (grant.toolFingerprint === toolFingerprint(ctx.tool)) return { kind: 'allow', reason: 'granted' };
    await ctx.grants.revoke(grant.id);
    const change = describeToolChange(grant.tool, ctx.tool);
    return { kind: 'ask', revokedGrant: { grantId: grant.id, change: change.summary, items: change.items } };
  }
  if (ctx.trust.trusted) return { kind: 'allow', reason: 'trusted-server' };
  if (ctx.trust.autoApproveReadOnly && ctx.tool.annotations?.readOnlyHint === true) {
    return { kind: 'allow', reason: 'read-only-trusted' };
  }
  return { kind: 'ask' };
}

export type ApprovalChoice = 'allow-once' | 'allow-always' | 'deny';

export interface DeniedToolResult {
  isError: true;
  content: [{ type: 'text'; text: string }];
}

export function deniedToolResult(): DeniedToolResult {
  return { isError: true, content: [{ type: 'text', text: DENIED_RESULT_TEXT }] };
}

export type AppliedDecision = { kind: 'run' } | { kind: 'denied'; result: DeniedToolResult };

/** Carries out the person's choice: allow-always records a grant for this exact tool definition. */
export async function applyDecision(
  choice: ApprovalChoice,
  ctx: Pick<PolicyContext, 'server' | 'serverIdentity' | 'tool' | 'grants'>,
): Promise<AppliedDecision> {
  switch (choice) {
    case 'allow-once':
      return { kind: 'run' };
    case 'allow-always':
      await ctx.grants.add({ serverIdentity: ctx.serverIdentity, server: ctx.server, tool: ctx.tool });
      return { kind: 'run' };
    case 'deny':
      return { kind: 'denied', result: deniedToolResult() };
    default:
      return assertNever(choice);
  }
}
