// server-everything's `simulate-research-query` (execution.taskSupport "required", MCP 2025-11-25 tasks)
// run through the host: offered to Claude, followed to its result, asking for input on the way, stopped.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent, ToolCallView } from '../../../app/api/views.ts';
import { eventually } from '../../support/eventually.ts';
import { everything, resultText, startProtocolHarness, type ProtocolHarness } from '../protocol/protocolHarness.ts';

let p: ProtocolHarness;

beforeAll(async () => {
  p = await startProtocolHarness({ everything: everything() });
});

afterAll(async () => {
  await p?.close();
});

const TOOL = 'everything__simulate-research-query';

function cards(conversationId: string): ToolCallView[] {
  return p.h
    .chatEvents(conversationId)
    .filter((e): e is Extract<ChatEvent, { type: 'tool.updated' }> => e.type === 'tool.updated')
    .map((e) => e.call);
}

describe('tool calls that run as MCP tasks (2025-11-25, server-everything)', () => {
  it('offers the task-only tool to Claude now that the host runs tasks', async () => {
    const entry = (await p.h.host.call('servers.list', {})).find((s) => s.name === 'everything')!.tools.find((t) => t.name === 'simulate-research-query');
    expect(entry).toMatchObject({ apiName: TOOL, enabled: true });
    expect(entry?.skippedReason).toBeUndefined();
  });

  it('calls it as a task, shows each status on the card, and gives Claude the result', async () => {
    const id = await p.callTool(TOOL, { topic: 'tides' });
    const call = await p.settledCall(id);
    expect(call.status).toBe('done');
    expect(resultText(call)).toContain('# Research Report: tides');
    expect(call.task).toMatchObject({ era: '2025-11-25', status: 'completed', pollIntervalMs: 1000, ttlMs: 300000 });
    expect(call.task!.taskId).toMatch(/\S/);
    // The card saw the server's stages while the task ran, and the timeline keeps the task's life.
    const messages = cards(id).flatMap((c) => (c.status === 'running' && c.task?.statusMessage ? [c.task.statusMessage] : []));
    expect(messages).toEqual(expect.arrayContaining(['Gathering sources...', 'Generating report...']));
    const kinds = call.task!.events.map((e) => e.kind);
    expect(kinds[0]).toBe('created');
    expect(kinds).toContain('status');
    expect(kinds.at(-1)).toBe('result');
    await p.h.waitForTurn(id);
    // Claude got the report as the tool result.
    const toolResult = JSON.stringify(p.api.requests.at(-1)?.body);
    expect(toolResult).toContain('Research Report: tides');
  });

  it('asks the person through the elicitation dialog when the task needs input, and the answer reaches the task', async () => {
    const id = await p.callTool(TOOL, { topic: 'python', ambiguous: true });
    const asked = await p.waitForEvent('elicitation.changed', (c) => c.kind === 'added', 'the clarification dialog');
    if (asked.kind !== 'added') throw new Error('expected a new elicitation');
    expect(asked.request).toMatchObject({ server: 'everything', mode: 'form' });
    expect(asked.request.message).toContain('could have multiple interpretations');
    // While it waits, the card says the task needs input.
    await p.h.waitFor(() => cards(id).find((c) => c.task?.status === 'input_required'), 'the card to show input_required');
    await p.h.host.call('elicitation.respond', { id: asked.request.id, action: 'accept', content: { interpretation: 'snake' } } as never);
    const call = await p.settledCall(id);
    expect(call.status).toBe('done');
    expect(resultText(call)).toContain('Clarification**: snake');
    expect(call.task!.events.some((e) => e.kind === 'input')).toBe(true);
    await p.h.waitForTurn(id);
  });

  it("marks a crashed server's task as lost instead of leaving it spinning", async () => {
    const id = await p.callTool(TOOL, { topic: 'volcanoes' });
    await p.h.waitFor(() => cards(id).find((c) => c.task?.status === 'working'), 'the task to start');
    const recorded = await eventually(async () => {
      const file = JSON.parse(await readFile(path.join(p.h.dataDir, 'servers.pid.json'), 'utf8').catch(() => '{"processes":[]}')) as {
        processes: { pid: number }[];
      };
      return file.processes[0];
    }, 'the PID file to name the server');
    process.kill(recorded.pid, 'SIGKILL');
    const call = await p.settledCall(id);
    expect(call.status).toBe('error');
    expect(call.task!.status).toBe('lost');
    expect(call.error).toMatch(/^The task was lost: /);
    expect(call.task!.events.at(-1)).toMatchObject({ kind: 'lost', status: 'lost' });
    await p.h.waitForTurn(id);
    await p.h.waitForServer('everything', 'ready');
  });

  it('cancels the task on the server when the person presses Stop', async () => {
    const id = await p.callTool(TOOL, { topic: 'glaciers' });
    await p.h.waitFor(() => cards(id).find((c) => c.task?.status === 'working'), 'the task to start');
    await p.h.host.call('chat.cancel', { conversationId: id });
    const call = await p.settledCall(id);
    expect(call.status).toBe('cancelled');
    // The server's own words for a client's cancel: it received tasks/cancel and cancelled the task.
    const last = await p.h.waitFor(() => cards(id).find((c) => c.task?.statusMessage === 'Client cancelled task execution.'), "the server's cancel");
    expect(last.task!.status).toBe('cancelled');
    expect(last.task!.events.some((e) => e.kind === 'cancel')).toBe(true);
  });
});
