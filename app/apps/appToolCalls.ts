// An app's `tools/call`: only to its own server, only tools the app may see, as a ToolCall like Claude's
// calls (the same approval policy, clocks and retries). Each call's card travels as `apps.toolCall`, so the person
// sees (and approves) what the app runs; the app gets the server's raw result back.
import { randomUUID } from 'node:crypto';
import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import { isToolVisibilityModelOnly } from '@modelcontextprotocol/ext-apps/app-bridge';
import { HostError } from '../api/errors.ts';
import type { ToolApprovals } from '../safety/toolApprovals.ts';
import type { AppToolResult, ToolCallView } from '../api/views.ts';
import { callTools } from '../routing/toolCaller.ts';
import type { ToolCallDeps } from '../routing/toolCall.ts';

export interface AppToolCallDeps {
  /** The tool as its server listed it, and whether the person enabled it. */
  entryOf(server: string, tool: string): { tool: Tool; apiName: string; enabled: boolean } | undefined;
  /** Where the calls go, and how URL steps are shown: as for Claude's calls. */
  servers: ToolCallDeps['servers'];
  urlSteps?: ToolCallDeps['urlSteps'];
  clock?: ToolCallDeps['clock'];
  approvals: Pick<ToolApprovals, 'check'>;
  onUpdate(conversationId: string, parentCallId: string, call: ToolCallView): void;
  now: () => number;
  /** Masks secrets in the raw JSON-RPC view, as for Claude's calls, before it travels or is saved. */
  redact: (text: string) => string;
  /** The account the conversation calls this server as (an app's calls run as the same account as Claude's). */
  accountOf?: (conversationId: string, server: string) => Promise<string | undefined>;
}

export interface AppToolCallRequest {
  conversationId: string;
  parentCallId: string;
  server: string;
  tool: string;
  arguments: Record<string, unknown>;
}

export class AppToolCalls {
  private readonly running = new Set<AbortController>();

  constructor(private readonly deps: AppToolCallDeps) {}

  async call(req: AppToolCallRequest): Promise<AppToolResult> {
    const entry = this.deps.entryOf(req.server, req.tool);
    if (!entry) throw new HostError('not-found', `"${req.server}" has no tool called "${req.tool}" right now, so the app's call was not run.`);
    if (!entry.enabled) throw new HostError('conflict', `The tool "${req.tool}" of "${req.server}" is turned off, so the app's call was not run.`);
    if (isToolVisibilityModelOnly({ _meta: entry.tool._meta ?? {} })) {
      throw new HostError('conflict', `The tool "${req.tool}" of "${req.server}" is only for Claude, not for its app.`);
    }
    const apiName = entry.apiName || req.tool;
    const resolved = { server: req.server, toolName: req.tool, tool: entry.tool };
    const account = await this.deps.accountOf?.(req.conversationId, req.server);
    const controller = new AbortController();
    this.running.add(controller);
    try {
      const [outcome] = await callTools([{ id: `app-${randomUUID()}`, name: apiName, input: req.arguments }], {
        registry: { resolve: (name) => (name === apiName ? resolved : undefined) },
        servers: this.deps.servers,
        accountOf: () => account,
        ...(this.deps.urlSteps ? { urlSteps: this.deps.urlSteps } : {}),
        ...(this.deps.clock ? { clock: this.deps.clock } : {}),
        approvals: { policy: this.deps.approvals, conversationId: req.conversationId },
        signal: controller.signal,
        onUpdate: (call) => this.deps.onUpdate(req.conversationId, req.parentCallId, call),
        now: this.deps.now,
        redact: this.deps.redact,
      });
      if (outcome?.result) return appResult(outcome.result);
      const reason = outcome?.call.error ?? 'The call did not run.';
      return { content: [{ type: 'text', text: reason }], isError: true };
    } finally {
      this.running.delete(controller);
    }
  }

  dispose(): void {
    for (const controller of this.running) controller.abort();
    this.running.clear();
  }
}

function appResult(result: CallToolResult): AppToolResult {
  return {
    content: Array.isArray(result.content) ? result.content : [],
    ...(isRecord(result.structuredContent) ? { structuredContent: result.structuredContent } : {}),
    ...(result.isError === true ? { isError: true } : {}),
  };
}

/** Structured content the app bridge can carry: a JSON object (SEP-2106 lets a tool return any JSON value). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
