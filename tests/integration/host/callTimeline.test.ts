// Each tool call records its whole story in the saved conversation: who decided and how, waiting vs
// running time, what Claude was sent, and the raw JSON-RPC exchange with secrets masked.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostService } from '../../../app/api/contract.ts';
import type { MessageView, ToolCallView } from '../../../app/api/views.ts';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { startHarness, type Harness } from '../../support/hostHarness.ts';
import { nodeBin, serverBins } from '../../support/paths.ts';
import { eventually } from '../../support/eventually.ts';

const KEY = 'sk-ant-test-key-timeline-123';
const SECRET = 'tok-very-secret-4471';
let api: FakeAnthropic;
let h: Harness;

beforeAll(async () => {
  api = await startFakeAnthropic({ apiKey: KEY });
  h = await startHarness({
    config: { mcpServers: { everything: { command: nodeBin, args: [serverBins.everything], env: { SERVICE_TOKEN: SECRET } } } },
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
  });
  await h.waitForServer('everything', 'ready');
});

afterAll(async () => {
  await h?.close();
  await api?.close();
});

function waitForPending(host: HostService) {
  return eventually(async () => (await host.call('approvals.list', {}))[0], 'an approval to be requested');
}

async function savedCalls(conversationId: string): Promise<ToolCallView[]> {
  const saved = JSON.parse(await readFile(path.join(h.dataDir, 'conversations', `${conversationId}.json`), 'utf8')) as { messages: MessageView[] };
  return saved.messages.flatMap((m) => (m.role === 'assistant' ? m.blocks.flatMap((b) => (b.kind === 'tool' ? [b.call] : [])) : []));
}

describe('the per-call timeline', () => {
  it('saves who allowed the call and when, waiting and running time, the size Claude got, and the raw exchange', async () => {
    const c = await h.host.call('conversations.create', {});
    api.enqueue(reply.toolUse('everything__trigger-long-running-operation', { duration: 1, steps: 2 }), reply.text('Done.'));
    await h.host.call('chat.send', { conversationId: c.id, text: 'Run the long operation' });
    const pending = await waitForPending(h.host);
    await h.host.call('tools.decide', { callId: pending.id, decision: 'allow-once' });
    expect((await h.waitForTurn(c.id)).outcome).toBe('complete');

    const [call] = await savedCalls(c.id);
    expect(call).toMatchObject({ status: 'done', decision: { kind: 'person', choice: 'allow-once' } });
    const decision = call!.decision!;
    if (decision.kind !== 'person') throw new Error('expected a decision by the person');
    expect(decision.decidedAt).toBeGreaterThanOrEqual(decision.askedAt);
    expect(call!.waitedMs).toBe(decision.decidedAt - decision.askedAt);
    expect(call!.durationMs).toBeGreaterThan(0);

    const toolResult = api.requests.at(-1)!.body.messages.at(-1).content[0];
    expect(call!.sent).toEqual({ bytes: Buffer.byteLength(JSON.stringify(toolResult.content)), approxTokens: expect.any(Number) });
    expect(call!.sent!.approxTokens).toBeGreaterThan(0);

    const labels = call!.wire!.map((m) => `${m.direction} ${m.label}`);
    expect(labels[0]).toBe('sent tools/call');
    expect(labels).toContain('received notifications/progress');
    expect(labels.at(-1)).toBe('received response');
    expect(JSON.parse(call!.wire![0]!.json)).toMatchObject({ jsonrpc: '2.0', method: 'tools/call', params: { name: 'trigger-long-running-operation' } });

    const logs = await h.host.call('servers.logs', { server: 'everything' });
    expect(logs.map((l) => l.text)).toContain('you allowed trigger-long-running-operation once');
  });

  it("masks the server's secrets in the raw view", async () => {
    const c = await h.host.call('conversations.create', {});
    await h.host.call('servers.setTrust', { server: 'everything', trusted: true });
    try {
      api.enqueue(reply.toolUse('everything__echo', { message: `the token is ${SECRET}` }), reply.text('Echoed.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'Echo the token' });
      expect((await h.waitForTurn(c.id)).outcome).toBe('complete');
      const [call] = await savedCalls(c.id);
      expect(call!.decision).toMatchObject({ kind: 'rule', rule: 'trusted-server' });
      expect(call!.waitedMs).toBeUndefined();
      const raw = call!.wire!.map((m) => m.json).join('\n');
      expect(raw).toContain('‹secret SERVICE_TOKEN›');
      expect(raw).not.toContain(SECRET);
    } finally {
      await h.host.call('servers.setTrust', { server: 'everything', trusted: false });
    }
  });

  it('reads a denied call as denied, not as an error', async () => {
    const c = await h.host.call('conversations.create', {});
    api.enqueue(reply.toolUse('everything__echo', { message: 'no' }), reply.text('Understood.'));
    await h.host.call('chat.send', { conversationId: c.id, text: 'Echo no' });
    const pending = await waitForPending(h.host);
    await h.host.call('tools.decide', { callId: pending.id, decision: 'deny' });
    await h.waitForTurn(c.id);
    const [call] = await savedCalls(c.id);
    expect(call).toMatchObject({ status: 'denied', decision: { kind: 'person', choice: 'deny' } });
    expect(call!.wire).toBeUndefined();
  });

  it("writes the host's own actions into the server's log", async () => {
    await h.host.call('servers.stop', { server: 'everything' });
    await h.waitForServer('everything', 'stopped');
    await h.host.call('servers.start', { server: 'everything' });
    await h.waitForServer('everything', 'ready');
    await h.host.call('servers.restart', { server: 'everything' });
    await h.waitForServer('everything', 'ready');
    await h.host.call('servers.setDisabled', { server: 'everything', disabled: true });
    await h.waitForServer('everything', 'stopped');
    await h.host.call('servers.setDisabled', { server: 'everything', disabled: false });
    await h.waitForServer('everything', 'ready');
    const texts = (await h.host.call('servers.logs', { server: 'everything' })).filter((l) => l.source === 'host').map((l) => l.text);
    const order = ['stopped by you', 'started by you', 'restarted by you', 'disabled by you', 'enabled by you'].map((t) => texts.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
