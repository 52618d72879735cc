// A server's sampling request through the host: consent view, approve / edit / deny, the model call, the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SamplingRequestView } from '../../../app/api/views.ts';
import { replay } from '../../../renderer/store/pendingChange.ts';
import { reply } from '../../support/fakeAnthropic.ts';
import { everything, resultText, startProtocolHarness, type ProtocolHarness } from './protocolHarness.ts';

let p: ProtocolHarness;

beforeAll(async () => {
  p = await startProtocolHarness({ everything: everything() });
});

afterAll(async () => {
  await p?.close();
});

async function waitPending(): Promise<SamplingRequestView> {
  let found: SamplingRequestView | undefined;
  await p.h.waitFor(() => {
    found = replay(p.seen('sampling.changed'))[0];
    return found;
  }, 'a pending sampling request');
  expect(await p.h.host.call('sampling.list', {})).toEqual([found]);
  return found!;
}

describe('sampling', () => {
  it('asks the person, runs the approved request on Claude, and returns the answer to the server', async () => {
    const start = p.api.requests.length;
    const c = await p.h.host.call('conversations.create', {});
    p.api.enqueue(
      reply.toolUse('everything__trigger-sampling-request', { prompt: 'Say hello', maxTokens: 50 }),
      reply.text('Hello from the sampled model.'),
      reply.text('The server got its answer.'),
    );
    await p.h.host.call('chat.send', { conversationId: c.id, text: 'sample please' });
    const pending = await waitPending();
    expect(pending).toMatchObject({
      server: 'everything',
      maxTokens: 50,
      requestedMaxTokens: 50,
      systemPrompt: 'You are a helpful test server.',
      temperature: 0.7,
      messages: [{ role: 'user', content: [{ kind: 'text', text: expect.stringContaining('Say hello') }] }],
    });
    expect(pending.model).toBeTruthy();
    expect(await p.h.host.call('sampling.decide', { id: pending.id, decision: 'approve' })).toEqual({ decided: true });

    const call = await p.settledCall(c.id);
    expect(call.status).toBe('done');
    expect(resultText(call)).toContain('Hello from the sampled model.');
    expect(resultText(call)).toContain('endTurn');
    await p.h.waitForTurn(c.id);

    const sent = p.api.requests.slice(start).filter((r) => !r.rejected);
    const sampled = sent.find((r) => r.body.system === 'You are a helpful test server.')!;
    expect(sampled.body).toMatchObject({
      max_tokens: 50,
      messages: [{ role: 'user', content: [{ type: 'text', text: expect.stringContaining('Say hello') }] }],
    });
    expect(sampled.body.tools).toBeUndefined();
    expect(sampled.body.temperature).toBeUndefined();
    expect(JSON.stringify(sent.at(-1)!.body.messages.at(-1))).toContain('Hello from the sampled model.');
    expect(replay(p.seen('sampling.changed'))).toEqual([]);
  });

  it("sends the person's edits of the messages, system prompt and token limit", async () => {
    const start = p.api.requests.length;
    const id = await p.callTool('everything__trigger-sampling-request', { prompt: 'original', maxTokens: 100 }, { during: [reply.text('Edited answer.')] });
    const pending = await waitPending();
    await p.h.host.call('sampling.decide', {
      id: pending.id,
      decision: 'approve',
      edited: { messages: ['My own words'], systemPrompt: 'Be brief.', maxTokens: 20 },
    });
    const call = await p.settledCall(id);
    expect(resultText(call)).toContain('Edited answer.');
    const sampled = p.api.requests.slice(start).find((r) => r.body.system === 'Be brief.')!;
    expect(sampled.body.max_tokens).toBe(20);
    expect(sampled.body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'My own words' }] }]);
    await p.h.waitForTurn(id);
  });

  it('refuses edits that do not match the messages, and keeps the request waiting', async () => {
    const id = await p.callTool('everything__trigger-sampling-request', { prompt: 'x' });
    const pending = await waitPending();
    await expect(p.h.host.call('sampling.decide', { id: pending.id, decision: 'approve', edited: { messages: ['a', 'b'] } })).rejects.toMatchObject({
      code: 'invalid-params',
    });
    expect((await p.h.host.call('sampling.list', {})).map((r) => r.id)).toEqual([pending.id]);
    await p.h.host.call('sampling.decide', { id: pending.id, decision: 'deny' });
    await p.settledCall(id);
    await p.h.waitForTurn(id);
  });

  it('answers a denied request with the user-rejected error, which the tool reports', async () => {
    const start = p.api.requests.length;
    const id = await p.callTool('everything__trigger-sampling-request', { prompt: 'no thanks' });
    const pending = await waitPending();
    await p.h.host.call('sampling.decide', { id: pending.id, decision: 'deny' });
    const call = await p.settledCall(id);
    expect(call.status).toBe('error');
    expect(resultText(call)).toMatch(/declined this sampling request/);
    await p.h.waitForTurn(id);
    expect(
      p.api.requests.slice(start).some((r) => r.body.system === 'You are a helpful test server.' && JSON.stringify(r.body.messages).includes('no thanks')),
    ).toBe(false);
  });

  it("clamps a request above the server's cap, and refuses without asking when sampling is off for the server", async () => {
    expect(await p.h.host.call('sampling.limits', { server: 'everything' })).toEqual({ server: 'everything', enabled: true, maxTokens: 4096 });
    await p.h.host.call('sampling.setLimits', { server: 'everything', maxTokens: 30 });
    const first = await p.callTool('everything__trigger-sampling-request', { prompt: 'big', maxTokens: 1000 });
    const pending = await waitPending();
    expect(pending).toMatchObject({ maxTokens: 30, requestedMaxTokens: 1000 });
    await p.h.host.call('sampling.decide', { id: pending.id, decision: 'deny' });
    await p.settledCall(first);
    await p.h.waitForTurn(first);

    expect(await p.h.host.call('sampling.setLimits', { server: 'everything', enabled: false })).toEqual({
      server: 'everything',
      enabled: false,
      maxTokens: 30,
    });
    const id = await p.callTool('everything__trigger-sampling-request', { prompt: 'off' });
    const call = await p.settledCall(id);
    expect(resultText(call)).toMatch(/turned off sampling/);
    await p.h.waitForTurn(id);
    await p.h.host.call('sampling.setLimits', { server: 'everything', enabled: true, maxTokens: 4096 });
  });

  it('lists every request and its outcome in the sampling log', async () => {
    const log = await p.h.host.call('sampling.log', {});
    expect(log.map((e) => e.outcome)).toEqual(['approved', 'edited', 'denied', 'denied', 'denied', 'refused']);
    expect(log[0]).toMatchObject({ server: 'everything', responseText: 'Hello from the sampled model.', stopReason: 'endTurn', maxTokens: 50 });
    expect(log[0]!.usage?.outputTokens).toBeGreaterThan(0);
    expect(log[1]).toMatchObject({ systemPrompt: 'Be brief.', maxTokens: 20, messages: [{ role: 'user', content: [{ kind: 'text', text: 'My own words' }] }] });
    expect(p.seen('sampling.logged').map((e) => e.entry.id)).toEqual(log.map((e) => e.id));
  });
});

describe('a tool waiting on the person', () => {
  it('does not time out while its sampling request waits for the person, however short its timeout', async () => {
    const slow = await startProtocolHarness({ everything: everything({ toolTimeoutSeconds: 1 }) });
    try {
      const c = await slow.h.host.call('conversations.create', {});
      slow.api.enqueue(
        reply.toolUse('everything__trigger-sampling-request', { prompt: 'Take your time', maxTokens: 20 }),
        reply.text('Answer after a long think.'),
        reply.text('Done.'),
      );
      await slow.h.host.call('chat.send', { conversationId: c.id, text: 'sample slowly' });
      const pending = await slow.h.waitFor(() => replay(slow.seen('sampling.changed'))[0], 'a pending request');
      // The person reads for longer than the tool's whole timeout.
      await new Promise((r) => setTimeout(r, 2_500));
      await slow.h.host.call('sampling.decide', { id: pending.id, decision: 'approve' });
      const call = await slow.settledCall(c.id);
      expect(call.status).toBe('done');
      expect(resultText(call)).toContain('Answer after a long think.');
    } finally {
      await slow.close();
    }
  });
});
