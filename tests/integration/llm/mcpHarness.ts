// Real MCP servers over stdio for the turn-loop tests: raw SDK Clients as the servers calls go to.
import { Client, type Tool } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { requestSignal } from '../../../app/base/callStop.ts';
import type { TestInvoker } from '../../support/callServers.ts';
import type { RegistryServerInput } from '../../../app/routing/toolRegistry.ts';
import { nodeBin } from '../../support/paths.ts';

export interface McpHarness {
  invoke: TestInvoker;
  inputs: RegistryServerInput[];
  /** Kills a server's process; its client stays, so calls then fail like a crashed server. */
  kill(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startMcpServers(specs: Record<string, { bin: string; args?: string[]; env?: Record<string, string> }>): Promise<McpHarness> {
  const clients = new Map<string, { client: Client; transport: StdioClientTransport; tools: Tool[] }>();
  try {
    await Promise.all(
      Object.entries(specs).map(async ([name, spec]) => {
        const transport = new StdioClientTransport({
          command: nodeBin,
          args: [spec.bin, ...(spec.args ?? [])],
          stderr: 'pipe',
          ...(spec.env ? { env: spec.env } : {}),
        });
        const client = new Client({ name: 'switchboard-test', version: '0.0.0' });
        clients.set(name, { client, transport, tools: [] });
        await client.connect(transport);
        clients.get(name)!.tools = (await client.listTools()).tools;
      }),
    );
  } catch (err) {
    await Promise.all([...clients.values()].map((c) => c.client.close().catch(() => {})));
    throw err;
  }

  const invoke: TestInvoker = async (server, toolName, args, { signal, onProgress }) => {
    const entry = clients.get(server);
    if (!entry) throw new Error(`Server "${server}" is not ready.`);
    const result = await entry.client.callTool(
      { name: toolName, arguments: args },
      {
        signal: requestSignal(signal),
        timeout: 15_000,
        ...(onProgress ? { onprogress: (p: { progress: number; total?: number | undefined; message?: string | undefined }) => onProgress(p) } : {}),
      },
    );
    return result as Awaited<ReturnType<TestInvoker>>;
  };

  return {
    invoke,
    inputs: [...clients.entries()].map(([server, c]) => ({ server, tools: c.tools, disabledTools: [], serverEnabled: true })),
    async kill(name) {
      const entry = clients.get(name);
      const pid = entry?.transport.pid;
      if (!entry || !pid) return;
      const closed = new Promise<void>((resolve) => {
        const previous = entry.transport.onclose;
        entry.transport.onclose = () => {
          previous?.();
          resolve();
        };
      });
      process.kill(pid, 'SIGKILL');
      await closed;
    },
    async close() {
      await Promise.all([...clients.values()].map((c) => c.client.close().catch(() => {})));
    },
  };
}
