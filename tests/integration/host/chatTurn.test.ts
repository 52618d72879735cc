// Whole turns through the contract: config → real servers → registry → strict fake API → saved conversation.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageView } from '../../../app/api/views.ts';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { startHarness, type Harness } from '../../support/hostHarness.ts';
import { nodeBin, serverBins } from '../../support/paths.ts';

let api: FakeAnthropic;
let h: Harness;

beforeAll(async () => {
  api = await startFakeAnthropic({ apiKey: 'sk-ant-test-key-123456' });
  h = await startHarness({
    config: {
      mcpServers: {
        everything: { command: nodeBin, args: [serverBins.everything] },
        memory: { command: nodeBin, args: [serverBins.memory] },
      },
    },
    env: { ANTHROPIC_API_KEY: 'sk-ant-test-key-123456', ANTHROPIC_BASE_URL: api.url },
    trustServers: true,
  });
  await Promise.all([h.waitForServer('everything', 'ready'), h.waitForServer('memory', 'ready')]);
});

afterAll(async () => {
  await h?.close();
  await api?.close();
});

describe('a chat turn through the host', () => {
  it("offers both servers' tools to the model under prefixed, API-safe names", async () => {
    const servers = await h.host.call('servers.list', {});
    const everything = servers.find((s) => s.name === 'everything')!;
    expect(everything.tools.map((t) => t.apiName)).toContain('everything__echo');
    expect(everything.tools.find((t) => t.name === 'echo')?.enabled).toBe(true);
    expect(servers.find((s) => s.name === 'memory')!.tools.length).toBeGreaterThan(0);
  });

  it('runs a tool the model calls, feeds the result back, and saves the final answer', async () => {
    const c = await h.host.call('conversations.create', {});
    api.enqueue(reply.toolUse('everything__echo', { message: 'hello from the test' }, { text: 'Let me echo that.' }), reply.text('The server echoed it back.'));
    await h.host.call('chat.send', { conversationId: c.id, text: 'Please echo something' });
    const finished = await h.waitForTurn(c.id);
    expect(finished.outcome).toBe('complete');

    const sent = api.requests.slice(-2);
    expect(sent.every((r) => !r.rejected)).toBe(true);
    expect(sent[0]!.body.tools.map((t: { name: string }) => t.name)).toContain('everything__echo');
    const toolResult = sent[1]!.body.messages.at(-1).content[0];
    expect(toolResult.type).toBe('tool_result');
    expect(JSON.stringify(toolResult.content)).toContain('hello from the test');

    const saved = JSON.parse(await readFile(path.join(h.dataDir, 'conversations', `${c.id}.json`), 'utf8'));
    const assistant = saved.messages.filter((m: MessageView) => m.role === 'assistant');
    const blocks = assistant.flatMap((m: Extract<MessageView, { role: 'assistant' }>) => m.blocks);
    const card = blocks.find((b: { kind: string }) => b.kind === 'tool');
    expect(card.call).toMatchObject({ server: 'everything', toolName: 'echo', status: 'done' });
    expect(
      blocks
        .filter((b: { kind: string }) => b.kind === 'text')
        .map((b: { text: string }) => b.text)
        .join(' '),
    ).toContain('The server echoed it back.');
    expect(saved.title).toBe('Please echo something');
    // The list learned the title when the turn started, before its answer.
    const titled = h.events.findIndex((e) => e.event === 'conversations.changed' && JSON.stringify(e.payload).includes('Please echo something'));
    const endedAt = h.events.findIndex(
      (e) =>
        e.event === 'chat.event' &&
        (e.payload as { type: string; conversationId: string }).type === 'turn.finished' &&
        (e.payload as { conversationId: string }).conversationId === c.id,
    );
    expect(titled).toBeGreaterThanOrEqual(0);
    expect(titled).toBeLessThan(endedAt);
  });

  it("adds each ready server's instructions to the system prompt, labelled with its name, and shows them in its view", async () => {
    const everything = (await h.host.call('servers.list', {})).find((s) => s.name === 'everything')!;
    const instructions = everything.state.kind === 'ready' ? everything.state.instructions : undefined;
    expect(instructions?.length).toBeGreaterThan(20);
    const c = await h.host.call('conversations.create', {});
    api.enqueue(reply.text('Noted.'));
    await h.host.call('chat.send', { conversationId: c.id, text: 'hi' });
    await h.waitForTurn(c.id);
    const system = JSON.stringify(api.requests.at(-1)!.body.system);
    expect(system).toContain('server=\\"everything\\"');
    expect(system).toContain(JSON.stringify(instructions!.trim().slice(0, 40)).slice(1, -1));
  });

  it('streams text deltas as events before the turn finishes', async () => {
    const c = await h.host.call('conversations.create', {});
    api.enqueue(reply.text('A fairly long answer that arrives in several pieces over the stream.'));
    await h.host.call('chat.send', { conversationId: c.id, text: 'Say something long' });
    await h.waitForTurn(c.id);
    const events = h.chatEvents(c.id);
    const deltas = events.filter((e) => e.type === 'text.delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(events.findIndex((e) => e.type === 'text.delta')).toBeLessThan(events.findIndex((e) => e.type === 'turn.finished'));
  });

  it('refuses a second message while a turn is running, and a cancelled turn leaves a transcript the API accepts', async () => {
    const c = await h.host.call('conversations.create', {});
    api.enqueue(reply.stall('I am thinking about'));
    await h.host.call('chat.send', { conversationId: c.id, text: 'Take your time' });
    await h.waitFor(() => h.chatEvents(c.id).some((e) => e.type === 'text.delta'), 'the first delta');
    await expect(h.host.call('chat.send', { conversationId: c.id, text: 'Another' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await h.host.call('chat.cancel', { conversationId: c.id })).toEqual({ cancelled: true });
    const first = await h.waitForTurn(c.id);
    expect(first.outcome).toBe('cancelled');

    api.enqueue(reply.text('Back again.'));
    await h.host.call('chat.send', { conversationId: c.id, text: 'Are you there?' });
    const second = await h.waitForTurn(c.id, 2);
    expect(second.outcome).toBe('complete');
    expect(api.requests.at(-1)!.rejected).toBeUndefined();
  });

  it('starts exactly one turn when two messages arrive for one conversation at once', async () => {
    const c = await h.host.call('conversations.create', {});
    api.enqueue(reply.text('Only one answer.'));
    const results = await Promise.allSettled([
      h.host.call('chat.send', { conversationId: c.id, text: 'one' }),
      h.host.call('chat.send', { conversationId: c.id, text: 'two' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'conflict' } });
    await h.waitForTurn(c.id);
    const saved = await h.host.call('conversations.get', { id: c.id });
    expect(saved.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(api.requests.at(-1)!.rejected).toBeUndefined();
  });

  it('accepts the next message the moment the previous answer has finished', async () => {
    const c = await h.host.call('conversations.create', {});
    api.enqueue(reply.text('First.'), reply.text('Second.'));
    let next: Promise<unknown> | undefined;
    const off = h.host.on('chat.event', (e) => {
      if (e.type === 'turn.finished' && e.conversationId === c.id && !next) next = h.host.call('chat.send', { conversationId: c.id, text: 'right away' });
    });
    await h.host.call('chat.send', { conversationId: c.id, text: 'first' });
    await h.waitFor(() => next, 'the immediate second send');
    off();
    await expect(next).resolves.toMatchObject({ turnId: expect.any(String) });
    expect((await h.waitForTurn(c.id, 2)).outcome).toBe('complete');
  });

  it('answers a call to a stopped server with an is_error result and carries on', async () => {
    const c = await h.host.call('conversations.create', {});
    await h.host.call('servers.stop', { server: 'memory' });
    api.enqueue(reply.toolUse('memory__read_graph', {}), reply.text('The memory server is not available.'));
    await h.host.call('chat.send', { conversationId: c.id, text: 'Read my memory' });
    const finished = await h.waitForTurn(c.id);
    expect(finished.outcome).toBe('complete');
    const result = api.requests.at(-1)!.body.messages.at(-1).content[0];
    expect(result.is_error).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/memory/);
    await h.host.call('servers.start', { server: 'memory' });
    await h.waitForServer('memory', 'ready');
  });

  it('tells the person to add a key when there is none', async () => {
    const noKey = await startHarness({ env: { ANTHROPIC_BASE_URL: api.url } });
    try {
      const c = await noKey.host.call('conversations.create', {});
      await noKey.host.call('chat.send', { conversationId: c.id, text: 'hello' });
      const finished = await noKey.waitForTurn(c.id);
      expect(finished.outcome).toBe('error');
      expect(finished.error?.kind).toBe('no-key');
      expect(finished.error?.message).toMatch(/Settings/);
      const saved = await noKey.host.call('conversations.get', { id: c.id });
      expect(saved.messages[0]).toMatchObject({ role: 'user', text: 'hello' });
    } finally {
      await noKey.close();
    }
  });
});
