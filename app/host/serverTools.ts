// The tools of the ready servers, as the chat and the apps see them: the registry (rebuilt after any
// change of the fleet), the servers' instructions for the system prompt, why a tool is missing, and the
// call itself with the server's clocks (base/timeouts.ts).
import type { CallToolResult } from '@modelcontextprotocol/client';
import { toolCallClocks } from '../base/timeouts.ts';
import type { Logger } from '../base/logger.ts';
import { buildToolRegistry, type ToolRegistry } from '../routing/toolRegistry.ts';
import type { ToolInvoker } from '../routing/toolCaller.ts';
import { baseApiName } from '../routing/toolNames.ts';
import { notReady } from '../servers/callErrors.ts';
import type { LaunchGate } from './launchGate.ts';
import type { ServerFleet } from './serverFleet.ts';

export class ServerTools {
  private cache: { version: number; registry: ToolRegistry } | undefined;

  constructor(
    private readonly fleet: ServerFleet,
    private readonly gate: Pick<LaunchGate, 'isGated'>,
    private readonly logger: Logger,
  ) {}

  registry(): ToolRegistry {
    const version = this.fleet.version();
    if (this.cache?.version !== version) {
      const registry = buildToolRegistry(
        this.fleet.connections().map((conn) => ({
          serverName: conn.name,
          tools: conn.state().kind === 'ready' ? conn.tools() : [],
          disabledTools: conn.definition.disabledTools,
          serverEnabled: !conn.definition.disabled,
        })),
        { logger: this.logger },
      );
      this.cache = { version, registry };
    }
    return this.cache.registry;
  }

  /** Each ready, enabled server's `instructions`, labelled with its name, for the system prompt. */
  instructions(): { serverName: string; text: string }[] {
    return this.fleet
      .connections()
      .map((conn) => ({ conn, state: conn.state() }))
      .filter(({ conn, state }) => state.kind === 'ready' && !this.gate.isGated(conn.name) && !conn.definition.disabled)
      .flatMap(({ conn, state }) => (state.kind === 'ready' && state.instructions?.trim() ? [{ serverName: conn.name, text: state.instructions.trim() }] : []))
      .sort((a, b) => a.serverName.localeCompare(b.serverName));
  }

  /** Why `server__tool` is not offered right now, when its server is configured but not ready (e.g. reconnecting). */
  whyUnavailable(apiName: string): string | undefined {
    for (const conn of this.fleet.connections()) {
      const state = conn.state();
      if (state.kind === 'ready' || state.kind === 'stopped' || this.gate.isGated(conn.name)) continue;
      const prefix = baseApiName(conn.name, '_').slice(0, -1);
      if (apiName.startsWith(prefix)) return notReady(conn.name, apiName.slice(prefix.length), state).message;
    }
    return undefined;
  }

  readonly invoke: ToolInvoker = (serverName, toolName, args, opts): Promise<CallToolResult> => {
    const conn = this.fleet.connection(serverName);
    if (!conn) return Promise.reject(new Error(`The server "${serverName}" is no longer configured.`));
    // A call may start processes of its own: note them for the PID file afterwards.
    return conn
      .callTool(toolName, args, {
        signal: opts.signal,
        ...toolCallClocks(conn.definition.toolTimeoutSeconds),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        ...(opts.onWire ? { onWire: opts.onWire } : {}),
      })
      .finally(() => this.fleet.recordPids());
  };
}
