import { describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolCallView } from '../../../app/api/views.ts';
import { callTools } from '../../../app/routing/toolCaller.ts';
import { CANCELLED_MESSAGE, type ToolCallDeps } from '../../../app/routing/toolCall.ts';
import { serversOf, type TestInvoker } from '../../support/callServers.ts';
import { buildToolRegistry } from '../../../app/routing/toolRegistry.ts';
import { ToolCallError } from '../../../app/servers/callErrors.ts';
import { eventually } from '../../support/eventually.ts';

const registry = buildToolRegistry([
  {
    server: 'srv',
    tools: ['a', 'b', 'slow', 'fails'].map((name) => ({ name, inputSchema: { type: 'object' as const } })),
    disabledTools: [],
    serverEnabled: true,
  },
]);
const ok = (text: string): CallToolResult => ({ content: [{ type: 'text', text }] });
const use = (name: string, id = `toolu_${name}`, input: unknown = {}) => ({ id, name, input });

describe('callTools', () => {
  it('runs all calls of one message concurrently and answers each in order', async () => {
    const log: string[] = [];
    const gates = new Map<string, () => void>();
    const invoke: TestInvoker = async (_server, tool) => {
      log.push(`enter ${tool}`);
      await new Promise<void>((resolve) => gates.set(tool, resolve));
      log.push(`exit ${tool}`);
      return ok(`${tool} done`);
    };
    const running = callTools([use('srv__a'), use('srv__b')], { registry, servers: serversOf(invoke), signal: new AbortController().signal });
    // Both calls are inside the server before either answers: concurrent, not one after the other.
    await eventually(() => gates.size === 2, 'both calls to start');
    gates.get('b')!();
    gates.get('a')!();
    const results = await running;
    expect(log.slice(0, 2).sort()).toEqual(['enter a', 'enter b']);
    expect(results.map((r) => r.toolResult.tool_use_id)).toEqual(['toolu_srv__a', 'toolu_srv__b']);
    expect(results.map((r) => r.toolResult.content)).toEqual([[{ type: 'text', text: 'a done' }], [{ type: 'text', text: 'b done' }]]);
    expect(results.every((r) => r.call.status === 'done' && r.call.durationMs !== undefined)).toBe(true);
  });

  it('gives a readable is_error result for an unknown tool, a failing server and an error result', async () => {
    const invoke: TestInvoker = async (_s, tool) => {
      if (tool === 'fails') throw new Error('Server "srv" is not ready (it exited with code 1).');
      return { content: [{ type: 'text', text: 'no such file' }], isError: true };
    };
    const [unknown, failing, errored] = await callTools([use('nope__x'), use('srv__fails'), use('srv__a')], {
      registry,
      servers: serversOf(invoke),
      signal: new AbortController().signal,
    });
    expect(unknown!.toolResult).toMatchObject({ is_error: true, content: [{ type: 'text', text: expect.stringContaining('no tool named "nope__x"') }] });
    expect(unknown!.call).toMatchObject({ status: 'error', server: '' });
    expect(failing!.toolResult).toMatchObject({ is_error: true, content: [{ text: expect.stringContaining('is not ready') }] });
    expect(errored!.toolResult).toMatchObject({ is_error: true, content: [{ type: 'text', text: 'no such file' }] });
    expect(errored!.call).toMatchObject({ status: 'error', error: 'no such file' });
  });

  it('says a timed-out call did not answer in time', async () => {
    const invoke: TestInvoker = async () => {
      throw Object.assign(new Error('MCP error -32001: Request timed out'), { code: -32001 });
    };
    const [r] = await callTools([use('srv__slow')], { registry, servers: serversOf(invoke), signal: new AbortController().signal });
    expect(r!.toolResult.content).toEqual([{ type: 'text', text: expect.stringContaining('did not answer in time') }]);
  });

  it('passes on a connection error already written for people without wrapping it again', async () => {
    const readable = 'The call `slow` on `srv` did not answer within 1 s; Switchboard cancelled it.';
    const invoke: TestInvoker = async () => {
      throw new ToolCallError('timeout', readable);
    };
    const [r] = await callTools([use('srv__slow')], { registry, servers: serversOf(invoke), signal: new AbortController().signal });
    expect(r!.toolResult.content).toEqual([{ type: 'text', text: readable }]);
  });

  it('answers every call as cancelled when the person stops, even if the server never replies', async () => {
    const controller = new AbortController();
    const updates: ToolCallView[] = [];
    let started = 0;
    const invoke: TestInvoker = () => {
      started += 1;
      return new Promise(() => {});
    };
    const running = callTools([use('srv__slow'), use('srv__a')], {
      registry,
      servers: serversOf(invoke),
      signal: controller.signal,
      onUpdate: (c) => updates.push(c),
    });
    await eventually(() => started === 2, 'both calls to reach the server');
    controller.abort();
    const results = await running;
    for (const r of results) {
      expect(r.toolResult).toMatchObject({ is_error: true, content: [{ type: 'text', text: CANCELLED_MESSAGE }] });
      expect(r.call.status).toBe('cancelled');
    }
    expect(updates.map((u) => u.status)).toEqual(['running', 'running', 'cancelled', 'cancelled']);
  });

  it('reports progress while a call runs', async () => {
    const updates: ToolCallView[] = [];
    const invoke: TestInvoker = async (_s, _t, _a, { onProgress }) => {
      onProgress?.({ progress: 1, total: 2, message: 'half' });
      return ok('done');
    };
    await callTools([use('srv__slow')], { registry, servers: serversOf(invoke), signal: new AbortController().signal, onUpdate: (c) => updates.push(c) });
    expect(updates.map((u) => u.status)).toEqual(['running', 'running', 'done']);
    expect(updates[1]!.progress).toEqual({ progress: 1, total: 2, message: 'half' });
  });

  it('refuses input that is not an object without calling the server', async () => {
    let called = false;
    const invoke: TestInvoker = async () => {
      called = true;
      return ok('x');
    };
    const [r] = await callTools([use('srv__a', 'toolu_1', 'text')], { registry, servers: serversOf(invoke), signal: new AbortController().signal });
    expect(called).toBe(false);
    expect(r!.toolResult.is_error).toBe(true);
  });
});

describe('many parallel calls', () => {
  it('adds one listener to the turn signal, so 50 parallel calls with approvals emit no MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      // As the SDK does: each request listens on the signal it is given.
      const invoke: TestInvoker = async (_server, tool, _args, { signal }) => {
        const onAbort = () => {};
        signal.addEventListener('abort', onAbort, { once: true });
        await new Promise((r) => setImmediate(r));
        signal.removeEventListener('abort', onAbort);
        return ok(tool);
      };
      // As the approval queue does: a waiting request listens on the signal until it is answered.
      const policy: NonNullable<ToolCallDeps['approvals']>['policy'] = {
        check: (_call, signal) =>
          new Promise((resolve) => {
            const onAbort = () => resolve({ kind: 'cancelled' });
            signal.addEventListener('abort', onAbort, { once: true });
            setImmediate(() => {
              signal.removeEventListener('abort', onAbort);
              resolve({ kind: 'run' });
            });
          }),
      };
      const uses = Array.from({ length: 50 }, (_, i) => use('srv__a', `toolu_${i}`));
      const results = await callTools(uses, { registry, servers: serversOf(invoke), approvals: { policy, conversationId: 'c' }, signal: controller.signal });
      expect(results.every((r) => !r.toolResult.is_error)).toBe(true);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('still stops all 50 at once when the turn is stopped', async () => {
    const controller = new AbortController();
    const invoke: TestInvoker = () => new Promise(() => {});
    let started = 0;
    const counting: TestInvoker = (...args) => {
      started += 1;
      return invoke(...args);
    };
    const running = callTools(
      Array.from({ length: 50 }, (_, i) => use('srv__slow', `toolu_${i}`)),
      { registry, servers: serversOf(counting), signal: controller.signal },
    );
    await eventually(() => started === 50, 'all calls to start');
    controller.abort();
    const results = await running;
    expect(results.map((r) => r.call.status)).toEqual(Array(50).fill('cancelled'));
  });
});
