// A task's life beyond one request: a failing task, a task that outlives a host restart (picked up by the
// next host on the same data dir, its result delivered into the conversation and to Claude on the next
// turn), and one its server forgot (said so, not left spinning). The server is tests/fixtures/taskServer.ts:
// a real SDK server whose task store outlives its sessions, as a job server's does.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatEvent, ConversationView, ToolCallView } from '../../../app/api/views.ts';
import { reply } from '../../support/fakeAnthropic.ts';
import { eventually } from '../../support/eventually.ts';
import { startTaskServer, type TaskServer } from '../../fixtures/taskServer.ts';
import { resultText, startProtocolHarness, type ProtocolHarness } from '../protocol/protocolHarness.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function server(): Promise<TaskServer> {
  const s = await startTaskServer();
  cleanups.push(() => s.close());
  return s;
}

async function harness(url: string, dataDir?: string, extra: Record<string, unknown> = {}): Promise<ProtocolHarness> {
  const p = await startProtocolHarness({ jobs: { type: 'http', url, ...extra } }, dataDir ? { dataDir } : {});
  cleanups.push(() => p.close());
  return p;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-tasks-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function cards(p: ProtocolHarness, conversationId: string): ToolCallView[] {
  return p.h
    .chatEvents(conversationId)
    .filter((e): e is Extract<ChatEvent, { type: 'tool.updated' }> => e.type === 'tool.updated')
    .map((e) => e.call);
}

function savedCall(view: ConversationView): ToolCallView | undefined {
  const m = view.messages.find((x) => x.role === 'assistant');
  const block = m?.role === 'assistant' ? m.blocks.find((b) => b.kind === 'tool') : undefined;
  return block?.kind === 'tool' ? block.call : undefined;
}

describe('a task through its life', () => {
  it('shows a failing task as an error with the server’s words, and Claude gets them as an error result', async () => {
    const s = await server();
    const p = await harness(s.url);
    const id = await p.callTool('jobs__failing-job', {});
    const call = await p.settledCall(id);
    expect(call.status).toBe('error');
    expect(resultText(call)).toContain('The job ran out of disk space.');
    expect(call.task).toMatchObject({ status: 'failed' });
    await p.h.waitForTurn(id);
    const results = (p.api.requests.at(-1)?.body as { messages: { content: unknown }[] }).messages
      .flatMap((m) => (Array.isArray(m.content) ? (m.content as { type: string; is_error?: boolean }[]) : []))
      .filter((b) => b.type === 'tool_result');
    expect(results).toHaveLength(1);
    expect(results[0]!.is_error).toBe(true);
    expect(JSON.stringify(results[0])).toContain('The job ran out of disk space.');
  });

  it('outlives a host restart: the next host on the same data dir picks the task up and delivers its result', async () => {
    const s = await server();
    const dataDir = await tempDir();
    const first = await harness(s.url, dataDir);
    const id = await first.callTool('jobs__gated-job', { name: 'nightly' });
    const running = await first.h.waitFor(() => cards(first, id).find((c) => c.task?.status === 'working'), 'the task to run');
    await first.close();
    // The task's id was saved with the conversation, still open.
    const file = JSON.parse(await readFile(path.join(dataDir, 'conversations', `${id}.json`), 'utf8')) as ConversationView;
    expect(savedCall(file)?.task).toMatchObject({ taskId: running.task!.taskId, status: 'working' });
    expect(s.methods).not.toContain('tasks/cancel');

    const second = await harness(s.url, dataDir);
    expect((await second.h.host.call('tasks.list', {})).map((t) => t.task.taskId)).toEqual([running.task!.taskId]);
    s.release();
    const done = await eventually(async () => {
      const call = savedCall(await second.h.host.call('conversations.get', { id }));
      return call?.status === 'done' ? call : undefined;
    }, 'the late result on the card');
    expect(resultText(done)).toContain('Job nightly finished: 42 widgets built.');
    expect(done.task!.events.map((e) => e.kind)).toContain('resumed');
    expect(await second.h.host.call('tasks.list', {})).toEqual([]);

    // Claude reads it on the next turn.
    second.api.enqueue(reply.text('The job built 42 widgets.'));
    await second.h.host.call('chat.send', { conversationId: id, text: 'How did the job go?' });
    await second.h.waitForTurn(id);
    const sent = JSON.stringify(second.api.requests.at(-1)?.body);
    expect(sent).toContain('Job nightly finished: 42 widgets built.');
  });

  it('says a task is lost when its server no longer knows it, instead of spinning', async () => {
    const s = await server();
    const dataDir = await tempDir();
    const first = await harness(s.url, dataDir);
    const id = await first.callTool('jobs__gated-job', { name: 'weekly' });
    await first.h.waitFor(() => cards(first, id).find((c) => c.task?.status === 'working'), 'the task to run');
    await first.close();
    // The job server restarted meanwhile and forgot its tasks.
    s.forget();
    const asked = s.methods.length;
    const second = await harness(s.url, dataDir);
    const lost = await eventually(async () => {
      const call = savedCall(await second.h.host.call('conversations.get', { id }));
      return call?.status === 'error' ? call : undefined;
    }, 'the task to be marked lost');
    expect(lost.task!.status).toBe('lost');
    expect(lost.error).toMatch(/The task was lost: The server no longer knows this task/);
    expect(s.methods.slice(asked)).toContain('tasks/get');
  });

  it('stops a resumed task from the Tasks view: the server is told with tasks/cancel', async () => {
    const s = await server();
    const dataDir = await tempDir();
    const first = await harness(s.url, dataDir);
    const id = await first.callTool('jobs__gated-job', { name: 'monthly' });
    await first.h.waitFor(() => cards(first, id).find((c) => c.task?.status === 'working'), 'the task to run');
    await first.close();
    const second = await harness(s.url, dataDir);
    const [listed] = await eventually(async () => {
      const list = await second.h.host.call('tasks.list', {});
      return list.length === 1 ? list : undefined;
    }, 'the resumed task in the Tasks view');
    expect(listed).toMatchObject({ conversationId: id, server: 'jobs', toolName: 'gated-job' });
    expect(await second.h.host.call('tasks.cancel', { conversationId: id, callId: listed!.callId })).toEqual({ cancelled: true });
    const stopped = await eventually(async () => {
      const call = savedCall(await second.h.host.call('conversations.get', { id }));
      return call?.status === 'cancelled' && call.task?.status === 'cancelled' ? call : undefined;
    }, 'the task to be cancelled');
    expect(s.methods).toContain('tasks/cancel');
    expect(stopped.task!.statusMessage).toBe('Client cancelled task execution.');
  });

  // The host-wide redactor (every event, every result, every saved conversation) covers a task's status too.
  it("masks a known secret the server repeats in a task's status, on the card and in the saved conversation", async () => {
    const s = await server();
    const dataDir = await tempDir();
    const SECRET = 'task-api-key-8812-secret';
    const p = await harness(s.url, dataDir, { headers: { 'X-Api-Key': SECRET } });
    const id = await p.callTool('jobs__leaky-job', {});
    const card = await p.h.waitFor(() => cards(p, id).find((c) => c.task?.statusMessage?.startsWith('Using key')), 'the leaky status');
    expect(card.task!.statusMessage).not.toContain(SECRET);
    expect(card.task!.statusMessage).toMatch(/Using key ‹secret/);
    const saved = await eventually(async () => {
      const text = await readFile(path.join(dataDir, 'conversations', `${id}.json`), 'utf8');
      return text.includes('Using key') ? text : undefined;
    }, 'the task status to be saved');
    expect(saved).not.toContain(SECRET);
    s.release();
    await p.settledCall(id);
  });

  it("waits for a task past the server's tool timeout, polling at the task's own interval", async () => {
    const s = await server();
    // A 1 s tool timeout: a plain call this long would time out; a task has no clock but its TTL.
    const p = await harness(s.url, undefined, { toolTimeoutSeconds: 1 });
    const id = await p.callTool('jobs__gated-job', { name: 'slow' });
    await p.h.waitFor(() => s.methods.filter((m) => m === 'tasks/get').length >= 8 && true, 'eight polls (about 1.6 s at 200 ms)');
    const polls = s.times.filter((t) => t.method === 'tasks/get').map((t) => t.at);
    const gaps = polls.slice(1).map((at, i) => at - polls[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(150);
    expect(polls.at(-1)! - polls[0]!).toBeGreaterThan(1_000);
    s.release();
    const call = await p.settledCall(id);
    expect(call.status).toBe('done');
    expect(resultText(call)).toContain('Job slow finished');
  });

  it('keeps following a task through a lost session: the host reconnects and the result still arrives', async () => {
    const s = await server();
    const p = await harness(s.url);
    const id = await p.callTool('jobs__gated-job', { name: 'through-a-drop' });
    await p.h.waitFor(() => cards(p, id).find((c) => c.task?.status === 'working'), 'the task to run');
    const initializes = s.methods.filter((m) => m === 'initialize').length;
    s.dropSessions();
    await p.h.waitFor(() => s.methods.filter((m) => m === 'initialize').length > initializes && true, 'the host to open a new session');
    s.release();
    const call = await p.settledCall(id);
    expect(call.status).toBe('done');
    expect(resultText(call)).toContain('Job through-a-drop finished');
  });
});
