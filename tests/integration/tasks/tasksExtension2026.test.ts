// The driver's 2026-07-28 adapter (the Tasks extension, SEP-2663) on its own, against a real server on the
// v2 server package (tests/fixtures/tasksExtensionServer.ts), its narrow channel over a bare v2 transport
// (tasks2026Host.test.ts runs the same server through the host). Input goes back with tasks/update,
// failure carries the server's error, Stop sends tasks/cancel, a malformed answer fails in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport, type JSONRPCMessage } from '@modelcontextprotocol/client';
import type { ToolTaskView } from '../../../app/api/views.ts';
import { CallStop } from '../../../app/base/callStop.ts';
import { systemClock } from '../../../app/base/clock.ts';
import type { TaskChannel } from '../../../app/tasks/taskChannel.ts';
import { runAsTask, TaskEndedError, type TaskDriverDeps } from '../../../app/tasks/taskDriver.ts';
import { taskEraOf } from '../../../app/tasks/taskSupport.ts';
import { tasks2026, TASKS_EXTENSION_ID } from '../../../app/tasks/tasks2026.ts';
import { eventually } from '../../support/eventually.ts';
import { startTasksExtensionServer, type TasksExtensionServer } from '../../fixtures/tasksExtensionServer.ts';

let server: TasksExtensionServer;
let client: Client;
let wire: StreamableHTTPClientTransport;
const waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
let nextId = 1;

beforeAll(async () => {
  server = await startTasksExtensionServer();
  client = new Client(
    { name: 'tasks-test', version: '1.0.0' },
    { capabilities: { elicitation: { form: {} }, extensions: { [TASKS_EXTENSION_ID]: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
  wire = new StreamableHTTPClientTransport(new URL(server.url));
  wire.onmessage = (m: JSONRPCMessage) => {
    const reply = m as { id?: number; result?: unknown; error?: { code: number; message: string } };
    const w = reply.id !== undefined ? waiting.get(reply.id) : undefined;
    if (!w) return;
    waiting.delete(reply.id!);
    if (reply.error) w.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    else w.resolve(reply.result);
  };
  await wire.start();
  wire.setProtocolVersion?.('2026-07-28');
});

afterAll(async () => {
  await wire?.close();
  await client?.close();
  await server?.close();
});

/** One 2026-07-28 request: stateless, the client's identity and capabilities in its `_meta`. */
const channel: TaskChannel = {
  request: (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      const meta = {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientInfo': { name: 'tasks-test', version: '1.0.0' },
        'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} }, extensions: { [TASKS_EXTENSION_ID]: {} } },
      };
      const own = (params._meta ?? {}) as Record<string, unknown>;
      wire.send({ jsonrpc: '2.0', id, method, params: { ...params, _meta: { ...meta, ...own } } } as JSONRPCMessage).catch(reject);
    }),
};

function deps(views: ToolTaskView[], extra: Partial<TaskDriverDeps> = {}): TaskDriverDeps {
  return { era: tasks2026, channel: () => Promise.resolve(channel), signal: new CallStop(), clock: systemClock, onChange: (v) => views.push(v), ...extra };
}

describe('the 2026-07-28 Tasks extension adapter', () => {
  it('picks the 2026 revision for a server that declares the extension', () => {
    expect(client.getServerCapabilities()?.extensions).toHaveProperty(['io.modelcontextprotocol/tasks']);
    expect(taskEraOf(client.getServerCapabilities())?.name).toBe('2026-07-28');
  });

  it('follows a task through input_required: the request is answered and goes back with tasks/update, then the result comes inline', async () => {
    const views: ToolTaskView[] = [];
    const asked: { method: string; params?: unknown }[] = [];
    const result = await runAsTask(
      deps(views, {
        onInput: (request) => {
          asked.push(request);
          return Promise.resolve({ action: 'accept', content: { format: 'pdf' } });
        },
      }),
      'ask-report',
      {},
    );
    expect(result).toMatchObject({ content: [{ type: 'text', text: 'Report written as pdf.' }] });
    expect(asked).toEqual([{ method: 'elicitation/create', params: expect.objectContaining({ message: 'Which format should the report have?' }) }]);
    expect(server.updates).toEqual([{ q1: { action: 'accept', content: { format: 'pdf' } } }]);
    expect(server.methods).toEqual(expect.arrayContaining(['tools/call', 'tasks/get', 'tasks/update']));
    expect(server.methods).not.toContain('tasks/result');
    const statuses = views.map((v) => v.status);
    expect(statuses).toEqual(expect.arrayContaining(['working', 'input_required', 'completed']));
    expect(views.at(-1)).toMatchObject({ era: '2026-07-28', pollIntervalMs: 100, ttlMs: 600000 });
  });

  it("fails with the server's error object when the task fails", async () => {
    const views: ToolTaskView[] = [];
    const error = await runAsTask(deps(views), 'doomed-report', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskEndedError);
    expect((error as TaskEndedError).message).toBe('The task failed: Crashed: The report generator crashed.');
    expect(views.at(-1)?.status).toBe('failed');
  });

  it('sends tasks/cancel on Stop and ends as cancelled', async () => {
    const views: ToolTaskView[] = [];
    const stop = new CallStop();
    const running = runAsTask(deps(views, { signal: stop }), 'endless-report', {}).catch((e: unknown) => e);
    await eventually(() => views.find((v) => v.status === 'working'), 'the task to run');
    const before = server.methods.filter((m) => m === 'tasks/cancel').length;
    stop.stop('stopped');
    const error = await running;
    expect(error).toBeInstanceOf(TaskEndedError);
    expect((error as TaskEndedError).status).toBe('cancelled');
    expect(server.methods.filter((m) => m === 'tasks/cancel').length).toBe(before + 1);
    expect(views.at(-1)?.events.some((e) => e.kind === 'cancel')).toBe(true);
  });

  it('fails at once, in words, when the server answers a poll with something that is not a task', async () => {
    const views: ToolTaskView[] = [];
    const error = await runAsTask(deps(views), 'garbled-report', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskEndedError);
    expect((error as TaskEndedError).message).toMatch(/^The task failed: The server's task status is malformed \(status: /);
    expect(views.at(-1)?.status).toBe('failed');
  });
});
