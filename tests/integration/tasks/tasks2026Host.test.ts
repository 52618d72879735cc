// The 2026-07-28 Tasks extension through the host itself: a remote server on the v2 server package
// (tests/fixtures/tasksExtensionServer.ts) is reached with era negotiation, its tools run as tasks from
// the chat, an input request inside a task is answered in the same elicitation dialog as any other and
// goes back with tasks/update, a failure keeps the server's words, and Stop sends tasks/cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent, ToolCallView } from '../../../app/api/views.ts';
import { startTasksExtensionServer, type TasksExtensionServer } from '../../fixtures/tasksExtensionServer.ts';
import { resultText, startProtocolHarness, type ProtocolHarness } from '../protocol/protocolHarness.ts';

let server: TasksExtensionServer;
let p: ProtocolHarness;

beforeAll(async () => {
  server = await startTasksExtensionServer();
  p = await startProtocolHarness({ reports: { type: 'http', url: server.url } });
});

afterAll(async () => {
  await p?.close();
  await server?.close();
});

function cards(conversationId: string): ToolCallView[] {
  return p.h
    .chatEvents(conversationId)
    .filter((e): e is Extract<ChatEvent, { type: 'tool.updated' }> => e.type === 'tool.updated')
    .map((e) => e.call);
}

describe('the 2026-07-28 Tasks extension through the host', () => {
  it('negotiates 2026-07-28 with the server and offers its task tools to Claude', async () => {
    const view = (await p.h.host.call('servers.list', {})).find((s) => s.name === 'reports');
    expect(view?.state).toMatchObject({ kind: 'ready', protocolVersion: '2026-07-28' });
  });

  it('runs a tool as a task, asks the person in the elicitation dialog, and sends the answer with tasks/update', async () => {
    const id = await p.callTool('reports__ask-report', {});
    const asked = await p.waitForEvent('elicitation.changed', (c) => c.kind === 'added', 'the input request of the task');
    if (asked.kind !== 'added') throw new Error('expected a new elicitation');
    expect(asked.request).toMatchObject({ server: 'reports', mode: 'form', message: 'Which format should the report have?' });
    await p.h.waitFor(() => cards(id).find((c) => c.task?.status === 'input_required'), 'the card to show input_required');
    await p.h.host.call('elicitation.respond', { id: asked.request.id, action: 'accept', content: { format: 'html' } } as never);
    const call = await p.settledCall(id);
    expect(call.status).toBe('done');
    expect(resultText(call)).toContain('Report written as html.');
    expect(call.task).toMatchObject({ era: '2026-07-28', status: 'completed' });
    expect(server.updates).toContainEqual({ q1: { action: 'accept', content: { format: 'html' } } });
    await p.h.waitForTurn(id);
  });

  it("ends a failed task as an error in the server's words", async () => {
    const id = await p.callTool('reports__doomed-report', {});
    const call = await p.settledCall(id);
    expect(call.status).toBe('error');
    expect(call.error).toContain('The report generator crashed.');
    await p.h.waitForTurn(id);
  });

  it('cancels the task on the server when the person presses Stop', async () => {
    const id = await p.callTool('reports__endless-report', {});
    await p.h.waitFor(() => cards(id).find((c) => c.task?.status === 'working'), 'the task to run');
    await p.h.host.call('chat.cancel', { conversationId: id });
    expect((await p.settledCall(id)).status).toBe('cancelled');
    await p.h.waitFor(() => (server.methods.includes('tasks/cancel') ? true : undefined), 'tasks/cancel at the server');
  });
});
