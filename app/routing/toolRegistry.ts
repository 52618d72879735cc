// Every ready server's tools under API-safe names: what the model is offered, and how a name maps back.
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { isToolVisibilityAppOnly } from '@modelcontextprotocol/ext-apps/app-bridge';
import type { Tool as ApiTool } from '@anthropic-ai/sdk/resources/messages';
import type { Logger } from '../base/logger.ts';
import { assignApiNames, toolKey } from './toolNames.ts';
import { inputSchemaProblem } from './toolSchema.ts';

export interface RegistryServerInput {
  serverName: string;
  /** Raw MCP tools from tools/list. Pass [] for a server that is not ready. */
  tools: Tool[];
  disabledTools: string[];
  serverEnabled: boolean;
}

export interface ResolvedTool {
  serverName: string;
  toolName: string;
  tool: Tool;
}

export interface RegistryEntry {
  tool: Tool;
  /** Empty when the tool is skipped. */
  apiName: string;
  enabled: boolean;
  skippedReason?: string;
}

export interface RegistryWarning {
  serverName: string;
  toolName: string;
  message: string;
}

export interface ToolRegistry {
  /** Tool definitions for the Messages API: enabled tools of enabled servers, sorted by name. */
  apiTools(): ApiTool[];
  /** O(1): the (server, tool) behind a name the model used, if that tool is offered. */
  resolve(apiName: string): ResolvedTool | undefined;
  /** Every tool of one server, offered or not, in the server's own order. */
  entriesFor(serverName: string): RegistryEntry[];
  /** A rough token count of apiTools() (characters / 4), for budget warnings. */
  estimateTokens(): number;
  /** Tools skipped because of a malformed schema or a duplicate name. */
  readonly warnings: readonly RegistryWarning[];
}

export function buildToolRegistry(servers: readonly RegistryServerInput[], opts: { logger?: Logger } = {}): ToolRegistry {
  const warnings: RegistryWarning[] = [];
  const entries = new Map<string, RegistryEntry[]>();
  const valid: { serverName: string; tool: Tool; enabled: boolean }[] = [];

  for (const server of servers) {
    const disabled = new Set(server.disabledTools);
    const seen = new Set<string>();
    const list: RegistryEntry[] = [];
    entries.set(server.serverName, list);
    for (const tool of server.tools) {
      const enabled = server.serverEnabled && !disabled.has(tool.name);
      const problem = seen.has(tool.name)
        ? `The server lists a tool named "${tool.name}" more than once; only the first is used.`
        : typeof tool.name !== 'string' || tool.name.length === 0
          ? 'The tool has no name.'
          : (inputSchemaProblem(tool.inputSchema) ?? taskOnlyProblem(tool));
      if (problem) {
        const message = `Skipped tool "${String(tool.name)}": ${problem}`;
        warnings.push({ serverName: server.serverName, toolName: String(tool.name), message });
        opts.logger?.warn(message, { server: server.serverName });
        list.push({ tool, apiName: '', enabled: false, skippedReason: problem });
        continue;
      }
      seen.add(tool.name);
      valid.push({ serverName: server.serverName, tool, enabled });
      list.push({ tool, apiName: '', enabled });
    }
  }

  const names = assignApiNames(valid.map((v) => ({ serverName: v.serverName, toolName: v.tool.name })));
  const byApiName = new Map<string, ResolvedTool>();
  for (const [serverName, list] of entries) {
    for (const entry of list) {
      if (entry.skippedReason) continue;
      entry.apiName = names.get(toolKey(serverName, entry.tool.name)) ?? '';
      // Tools only for a server's MCP App (`_meta.ui.visibility: ["app"]`) are never offered to the model.
      if (entry.enabled && !isToolVisibilityAppOnly({ _meta: entry.tool._meta }))
        byApiName.set(entry.apiName, { serverName, toolName: entry.tool.name, tool: entry.tool });
    }
  }

  const offered = [...byApiName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const apiTools: ApiTool[] = offered.map(([apiName, { tool }]) => toApiTool(apiName, tool));
  let tokens: number | undefined;

  return {
    apiTools: () => apiTools,
    resolve: (apiName) => byApiName.get(apiName),
    entriesFor: (serverName) => entries.get(serverName) ?? [],
    estimateTokens: () => (tokens ??= Math.ceil(JSON.stringify(apiTools).length / 4)),
    warnings,
  };
}

/**
 * A tool that runs only as an MCP task (`execution.taskSupport: "required"`) fails every plain call
 * ("requires task-based execution"), so it is never offered to the model until the host can run tasks.
 */
function taskOnlyProblem(tool: Tool): string | undefined {
  const execution = (tool as { execution?: { taskSupport?: unknown } }).execution;
  return execution?.taskSupport === 'required' ? 'It runs only as a long-running MCP task, which Switchboard cannot run yet.' : undefined;
}

function toApiTool(apiName: string, tool: Tool): ApiTool {
  const description = tool.description ?? tool.title ?? tool.annotations?.title;
  return {
    name: apiName,
    ...(description ? { description } : {}),
    input_schema: tool.inputSchema as ApiTool['input_schema'],
  };
}
