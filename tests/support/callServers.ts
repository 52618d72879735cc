// Where a test's tool calls go when the server behind them is a function: each named server is a ready
// CallTarget that hands every call (with its Stop, clocks and progress listener) to `invoke`.
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { StopSignal } from '../../app/base/callStop.ts';
import type { CallServers, CallTarget } from '../../app/routing/toolCall.ts';
import type { CallToolOptions } from '../../app/servers/connectionOptions.ts';

export type TestInvoker = (
  server: string,
  tool: string,
  args: Record<string, unknown>,
  opts: CallToolOptions & { signal: StopSignal },
) => Promise<CallToolResult>;

export function serversOf(invoke: TestInvoker): CallServers {
  return {
    route: async (server) => ({ target: targetOf(server, invoke) }),
  };
}

function targetOf(server: string, invoke: TestInvoker): CallTarget {
  return {
    definition: {},
    callTool: (tool, args, { signal, ...opts }) => {
      if (!signal) throw new Error('A ToolCall always sends its Stop.');
      return invoke(server, tool, args, { ...opts, signal });
    },
    state: () => ({ kind: 'ready', since: 0, transport: 'stdio', serverName: server, serverVersion: 'test' }),
    restarting: false,
    onChange: () => () => {},
  };
}
