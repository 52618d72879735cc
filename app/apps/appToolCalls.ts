// An app's `tools/call`: only to its own server, only tools the app may see, through the same approval
// policy and tool caller as Claude's calls. Each call's card travels as `apps.toolCall`, so the person
// sees (and approves) what the app runs; the app gets the server's raw result back.
import { randomUUID } from 'node:crypto';
import { isToolVisibilityModelOnly } from '@modelcontextprotocol/ext-apps/app-bridge';
import { HostError } from '../api/errors.ts';
import type { AppToolResult, ToolCallView } from '../api/views.ts';
import { callTools, type ApprovalGate, type ToolInvoker } from '../routing/toolCaller.ts';
import type { RegistryEntry } from '../routing/toolRegistry.ts';

type CallToolResult = Awaited<ReturnType<ToolInvoker>>;

export interface AppToolCallDeps {
  /** The tool as its server listed it, and whether the person enabled it. */
  entryOf(server: string, tool: string): Pick<RegistryEntry, 'tool' | 'apiName' | 'enabled'> | undefined;
  invoke: ToolInvoker;
  approve: (conversationId: string) => ApprovalGate;
  onUpdate(conversationId: string, parentCallId: string, call: ToolCallView): void;
  now: () => number;
  /** Masks secrets in the raw JSON-RPC view, as for Claude's calls, before it travels or is saved. */
  redact: (text: string) => string;
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
    if (isToolVisibilityModelOnly({ _meta: entry.tool._meta })) {
      throw new HostError('conflict', `The tool "${req.tool}" of "${req.server}" is only for Claude, not for its app.`);
    }
    const apiName = entry.apiName || req.tool;
    const resolved = { serverName: req.server, toolName: req.tool, tool: entry.tool };
    let raw: CallToolResult | undefined;
    const controller = new AbortController();
    this.running.add(controller);
    try {
      const [outcome] = await callTools([{ id: `app-${randomUUID()}`, name: apiName, input: req.arguments }], {
        registry: { resolve: (name) => (name === apiName ? resolved : undefined) },
        invoke: async (...args) => (raw = await this.deps.invoke(...args)),
        approve: this.deps.approve(req.conversationId),
        signal: controller.signal,
        onUpdate: (call) => this.deps.onUpdate(req.conversationId, req.parentCallId, call),
        now: this.deps.now,
        redact: this.deps.redact,
      });
      if (raw) return appResult(raw);
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
    ...(result.structuredContent && typeof result.structuredContent === 'object' ? { structuredContent: result.structuredContent } : {}),
    ...(result.isError === true ? { isError: true } : {}),
  };
}
