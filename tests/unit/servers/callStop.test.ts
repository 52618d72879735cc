// A CallStop stands in for an AbortSignal in the SDK's request options (no EventTarget per call). These
// hold the installed SDK to what that needs: it must cancel a running request through a CallStop and tell
// the server, and a call that already finished must not be cancelled when the rest of its turn is stopped.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CallStop, requestSignal, type StopSignal } from '../../../app/base/callStop.ts';
import { callTools } from '../../../app/routing/toolCaller.ts';
import { CANCELLED_MESSAGE } from '../../../app/routing/toolCall.ts';
import { serversOf, type TestInvoker } from '../../support/callServers.ts';
import { buildToolRegistry } from '../../../app/routing/toolRegistry.ts';
import { eventually } from '../../support/eventually.ts';

interface Rig {
  client: Client;
  /** Every message the client sent, in order. */
  sent: JSONRPCMessage[];
  /** Calls of `slow` that are running on the server, and whether the server was told each was cancelled. */
  slow: { aborted: boolean }[];
}

const open: Client[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function rig(): Promise<Rig> {
  const server = new McpServer({ name: 'stops', version: '1.0.0' });
  const slow: Rig['slow'] = [];
  server.registerTool('fast', { description: 'answers at once' }, async () => ({ content: [{ type: 'text', text: 'fast' }] }));
  server.registerTool('slow', { description: 'answers when cancelled' }, (extra) => {
    const run = { aborted: false };
    slow.push(run);
    return new Promise((resolve) =>
      extra.signal.addEventListener('abort', () => {
        run.aborted = true;
        resolve({ content: [{ type: 'text', text: 'slow was cancelled' }] });
      }),
    );
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const sent: JSONRPCMessage[] = [];
  const send = clientSide.send.bind(clientSide);
  clientSide.send = (message, options) => {
    sent.push(message);
    return send(message, options);
  };
  await server.connect(serverSide);
  const client = new Client({ name: 'stops-test', version: '1.0.0' });
  await client.connect(clientSide);
  open.push(client);
  return { client, sent, slow };
}

const cancellations = (sent: JSONRPCMessage[]) =>
  sent.filter((m): m is Extract<JSONRPCMessage, { method: string }> => 'method' in m && m.method === 'notifications/cancelled');
const idOfCall = (sent: JSONRPCMessage[], tool: string) =>
  sent.find((m) => 'method' in m && m.method === 'tools/call' && (m.params as { name?: string }).name === tool && 'id' in m) as { id: number } | undefined;

describe('CallStop', () => {
  it('cancels a running SDK request: the call rejects and the server is told', async () => {
    const { client, sent, slow } = await rig();
    const stop = new CallStop();
    const call = client.callTool({ name: 'slow', arguments: {} }, undefined, { signal: requestSignal(stop), timeout: 30_000 });
    await eventually(() => slow.length === 1, 'the slow call to reach the server');
    stop.stop();
    await expect(call).rejects.toThrow(/stopped/);
    await eventually(() => slow[0]!.aborted, 'the server to see the cancellation');
    expect(cancellations(sent)).toEqual([expect.objectContaining({ params: expect.objectContaining({ requestId: idOfCall(sent, 'slow')!.id }) })]);
  });

  it('refuses to start a request whose stop has already been pressed', async () => {
    const { client, sent } = await rig();
    const stop = new CallStop();
    stop.stop();
    await expect(client.callTool({ name: 'fast', arguments: {} }, undefined, { signal: requestSignal(stop) })).rejects.toThrow(/stopped/);
    expect(idOfCall(sent, 'fast')).toBeUndefined();
  });

  it('stopping a turn cancels only the calls still running, not the ones that already answered', async () => {
    const { client, sent, slow } = await rig();
    const registry = buildToolRegistry([
      {
        server: 'srv',
        tools: [
          { name: 'fast', inputSchema: { type: 'object' } },
          { name: 'slow', inputSchema: { type: 'object' } },
        ],
        disabledTools: [],
        serverEnabled: true,
      },
    ]);
    const invoke: TestInvoker = async (_server, tool, args, { signal }) =>
      (await client.callTool({ name: tool, arguments: args }, undefined, { signal: requestSignal(signal), timeout: 30_000 })) as Awaited<
        ReturnType<TestInvoker>
      >;
    const turn = new AbortController();
    const done: string[] = [];
    const running = callTools(
      [
        { id: 'toolu_fast', name: 'srv__fast', input: {} },
        { id: 'toolu_slow', name: 'srv__slow', input: {} },
      ],
      { registry, servers: serversOf(invoke), signal: turn.signal, onUpdate: (c) => c.status === 'done' && done.push(c.toolName) },
    );
    await eventually(() => done.includes('fast') && slow.length === 1, 'fast to answer while slow runs');
    turn.abort();
    const [fast, stopped] = await running;
    expect(fast!.call.status).toBe('done');
    expect(stopped!.toolResult.content).toEqual([{ type: 'text', text: CANCELLED_MESSAGE }]);
    await eventually(() => slow[0]!.aborted, 'the server to see the cancellation of slow');
    // One cancellation, for the call still running; none for the call that had already answered.
    expect(cancellations(sent).map((m) => (m.params as { requestId: number }).requestId)).toEqual([idOfCall(sent, 'slow')!.id]);
  });

  it('runs each listener once, at the first stop, and nothing once the call has finished', () => {
    const heard: string[] = [];
    const stop = new CallStop();
    const gone = () => heard.push('removed');
    stop.addEventListener('abort', () => heard.push('first'));
    stop.addEventListener('abort', gone);
    stop.removeEventListener('abort', gone);
    stop.stop('because');
    stop.stop('again');
    expect(heard).toEqual(['first']);
    expect(stop.aborted).toBe(true);
    expect(stop.reason).toBe('because');
    expect(() => stop.throwIfAborted()).toThrow('because');

    const finished = new CallStop();
    finished.addEventListener('abort', () => heard.push('late'));
    finished.finish();
    finished.stop();
    expect(heard).toEqual(['first']);
    expect(finished.aborted).toBe(false);
  });

  it('accepts a real AbortSignal wherever a stop is expected', () => {
    const controller = new AbortController();
    const signal: StopSignal = controller.signal;
    const heard: unknown[] = [];
    signal.addEventListener('abort', () => heard.push(signal.reason), { once: true });
    controller.abort('why');
    expect(heard).toEqual(['why']);
  });
});
