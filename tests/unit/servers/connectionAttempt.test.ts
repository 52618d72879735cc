// ServerConnection's lifecycle on the SDK's in-memory transport: no process, so these run in the unit
// project. Each connection attempt is one object; a stopped or failed attempt never reaches the connection.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { LATEST_PROTOCOL_VERSION, ListToolsRequestSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../app/api/views.ts';
import type { Clock } from '../../../app/base/clock.ts';
import { MAX_PAGES } from '../../../app/base/pagination.ts';
import type { ServerDefinition } from '../../../app/config/serverDefinition.ts';
import { handshake, newClient, type OpenClient } from '../../../app/servers/openClient.ts';
import { ServerConnection, type ServerConnectionOptions } from '../../../app/servers/serverConnection.ts';
import { eventually } from '../../support/eventually.ts';

const def: ServerDefinition = { name: 'mem', transport: { kind: 'stdio', command: 'unused', args: [], env: {} }, disabled: false, disabledTools: [] };

/** An opener that connects each attempt to a fresh in-memory server, and counts what the client sends. */
function inMemory(makeServer: () => McpServer | Server) {
  const sent: string[] = [];
  const servers: (McpServer | Server)[] = [];
  const clientSides: InMemoryTransport[] = [];
  const open: OpenClient = async (_def, hooks) => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const send = clientSide.send.bind(clientSide);
    clientSide.send = (message: JSONRPCMessage, options) => {
      if ('method' in message) sent.push(message.method);
      return send(message, options);
    };
    const server = makeServer();
    servers.push(server);
    clientSides.push(clientSide);
    await server.connect(serverSide);
    return handshake(newClient(hooks), clientSide, 'stdio', hooks);
  };
  return { open, sent, servers, clientSides };
}

function echoServer(tools = ['echo']): McpServer {
  const server = new McpServer({ name: 'mem-server', version: '1.2.3' }, { capabilities: { tools: { listChanged: true } } });
  for (const name of tools) server.registerTool(name, { description: name }, async () => ({ content: [{ type: 'text', text: name }] }));
  return server;
}

/** A clock whose timers run when the test says so. */
function manualClock(): Clock & { runAll(): void; pending(): number } {
  let now = 0;
  let timers: (() => void)[] = [];
  return {
    now: () => now,
    setTimeout(fn) {
      timers.push(fn);
      return { cancel: () => (timers = timers.filter((t) => t !== fn)) };
    },
    runAll() {
      const due = timers;
      timers = [];
      now += 60_000;
      for (const fn of due) fn();
    },
    pending: () => timers.length,
  };
}

const open: ServerConnection[] = [];
function connection(opener: OpenClient, extra: Partial<ServerConnectionOptions> = {}): ServerConnection {
  const conn = new ServerConnection(def, { env: {}, autoRestart: false, initTimeoutMs: 10_000, openClient: opener, ...extra });
  open.push(conn);
  return conn;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.stop()));
});

describe('ServerConnection on an in-memory server', () => {
  it('starts, lists tools, calls one and stops, closing the client', async () => {
    const mem = inMemory(() => echoServer(['echo', 'add']));
    const conn = connection(mem.open);
    await conn.start();
    expect(conn.state()).toMatchObject({ kind: 'ready', serverName: 'mem-server', serverVersion: '1.2.3', protocolVersion: LATEST_PROTOCOL_VERSION });
    expect(conn.tools().map((t) => t.name)).toEqual(['echo', 'add']);
    const result = await conn.callTool('echo', {}, { timeoutMs: 5_000 });
    expect(result.content).toEqual([{ type: 'text', text: 'echo' }]);
    const client = conn.client()!;
    await conn.stop();
    expect(conn.state().kind).toBe('stopped');
    expect(conn.client()).toBeUndefined();
    expect(client.transport).toBeUndefined();
  });

  it('a stop during the handshake closes that attempt, and nothing from it arrives afterwards', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const mem = inMemory(() => echoServer());
    let entered!: () => void;
    const opening = new Promise<void>((r) => (entered = r));
    const slowOpen: OpenClient = async (d, hooks) => {
      entered();
      await gate;
      hooks.note('late note from a stopped attempt');
      return mem.open(d, hooks);
    };
    const conn = connection(slowOpen);
    const states: ConnectionState['kind'][] = [];
    conn.onChange(() => states.push(conn.state().kind));
    const starting = conn.start();
    await opening;
    expect(conn.state().kind).toBe('starting');
    await conn.stop();
    release();
    await starting;
    expect(conn.state().kind).toBe('stopped');
    expect(states).toEqual(['starting', 'stopped']);
    expect(conn.logs().some((l) => l.text.includes('late note'))).toBe(false);
    // The client the stopped attempt opened late was closed, not adopted.
    await eventually(() => mem.servers[0] !== undefined && !(mem.servers[0] as McpServer).isConnected(), 'the late client to be closed', { timeoutMs: 5_000 });
  });

  it('debounces a burst of list_changed into one tools/list', async () => {
    const mem = inMemory(() => echoServer());
    const conn = connection(mem.open);
    await conn.start();
    const server = mem.servers[0] as McpServer;
    const before = mem.sent.filter((m) => m === 'tools/list').length;
    for (let i = 0; i < 10; i++) server.registerTool(`t${i}`, { description: `t${i}` }, async () => ({ content: [] }));
    await eventually(() => conn.tools().length === 11, 'the refreshed tool list');
    expect(mem.sent.filter((m) => m === 'tools/list').length - before).toBe(1);
  });

  it('bounds tools/list paging when a server never stops handing out cursors', async () => {
    let page = 0;
    const mem = inMemory(() => {
      const server = new Server({ name: 'endless', version: '1' }, { capabilities: { tools: {} } });
      server.setRequestHandler(ListToolsRequestSchema, async () => {
        page += 1;
        return { tools: [{ name: `tool${page}`, inputSchema: { type: 'object' as const } }], nextCursor: `c${page}` };
      });
      return server;
    });
    const conn = connection(mem.open);
    await conn.start();
    expect(conn.state().kind).toBe('ready');
    expect(conn.tools()).toHaveLength(MAX_PAGES);
    expect(conn.logs().some((l) => l.level === 'warning' && l.text.includes(`stopped after ${MAX_PAGES} pages`))).toBe(true);
  });

  it('a closed connection fails the attempt, retries with a new one, and the old one stays silent', async () => {
    const clock = manualClock();
    const mem = inMemory(() => echoServer());
    const conn = connection(mem.open, { autoRestart: true, clock, random: () => 0.5 });
    await conn.start();
    const first = conn.client()!;
    await mem.clientSides[0]!.close();
    await eventually(() => conn.state().kind === 'error', 'the error state');
    expect(conn.state()).toMatchObject({ kind: 'error', message: expect.stringContaining('mem') });
    expect(clock.pending()).toBe(1);
    clock.runAll();
    await eventually(() => conn.state().kind === 'ready', 'the second attempt to be ready');
    expect(conn.client()).not.toBe(first);
    // Anything the first attempt's client still emits goes nowhere.
    const lines = conn.logs().length;
    first.onerror?.(new Error('stale error from the first attempt'));
    first.onclose?.();
    expect(conn.state().kind).toBe('ready');
    expect(conn.logs()).toHaveLength(lines);
  });
});
