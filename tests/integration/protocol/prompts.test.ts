// Prompts through the contract against server-everything: list, argument completions, get, and run into
// a conversation (messages inserted, roles kept valid, then a turn the strict fake API accepts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply } from '../../support/fakeAnthropic.ts';
import { everything, startProtocolHarness, type ProtocolHarness } from './protocolHarness.ts';

let p: ProtocolHarness;

beforeAll(async () => {
  p = await startProtocolHarness({ everything: everything() });
});

afterAll(async () => {
  await p?.close();
});

describe('prompts', () => {
  it('lists each prompt with its arguments', async () => {
    const prompts = await p.h.host.call('prompts.list', {});
    expect(prompts.map((x) => x.name)).toEqual(expect.arrayContaining(['simple-prompt', 'args-prompt', 'completable-prompt', 'resource-prompt']));
    expect(prompts.find((x) => x.name === 'args-prompt')).toMatchObject({
      server: 'everything',
      title: 'Arguments Prompt',
      arguments: [
        { name: 'city', required: true, description: 'Name of the city' },
        { name: 'state', required: false },
      ],
    });
    expect(await p.h.host.call('prompts.list', { server: 'everything' })).toEqual(prompts);
  });

  it('suggests argument values, narrowed by the arguments already chosen', async () => {
    const ref = { type: 'ref/prompt' as const, name: 'completable-prompt' };
    const departments = await p.h.host.call('completions.complete', { server: 'everything', ref, argument: { name: 'department', value: 'S' } });
    expect(departments.values).toEqual(['Sales', 'Support']);
    const names = await p.h.host.call('completions.complete', {
      server: 'everything',
      ref,
      argument: { name: 'name', value: '' },
      context: { arguments: { department: 'Engineering' } },
    });
    expect(names.values).toEqual(['Alice', 'Bob', 'Charlie']);
  });

  it('gets a prompt with its arguments filled in', async () => {
    const result = await p.h.host.call('prompts.get', { server: 'everything', name: 'args-prompt', arguments: { city: 'Paris', state: 'Texas' } });
    expect(result.messages).toEqual([{ role: 'user', content: { kind: 'text', text: "What's weather in Paris, Texas?" } }]);
  });

  it('runs a prompt into a conversation: its messages are inserted, shown, and Claude answers', async () => {
    const c = await p.h.host.call('conversations.create', {});
    p.api.enqueue(reply.text('Sunny.'));
    const start = p.api.requests.length;
    const run = await p.h.host.call('prompts.run', { conversationId: c.id, server: 'everything', name: 'args-prompt', arguments: { city: 'Oslo' } });
    expect(run.inserted).toBe(1);
    expect(run.turnId).toBeTruthy();
    expect((await p.h.waitForTurn(c.id)).outcome).toBe('complete');
    const request = p.api.requests.slice(start).find((r) => !r.rejected)!;
    expect(request.body.messages).toEqual([{ role: 'user', content: [expect.objectContaining({ type: 'text', text: "What's weather in Oslo?" })] }]);
    const saved = await p.h.host.call('conversations.get', { id: c.id });
    expect(saved.messages[0]).toMatchObject({ role: 'user', text: "What's weather in Oslo?", prompt: { server: 'everything', name: 'args-prompt' } });
    expect(saved.messages[1]).toMatchObject({ role: 'assistant', status: 'complete' });
    expect(p.h.chatEvents(c.id).find((e) => e.type === 'message.finished')).toMatchObject({ message: { role: 'user', text: "What's weather in Oslo?" } });
  });

  it("merges a prompt's consecutive user messages, embedded resource included, into one valid user message after earlier turns", async () => {
    const c = await p.h.host.call('conversations.create', {});
    p.api.enqueue(reply.text('First answer.'));
    await p.h.host.call('chat.send', { conversationId: c.id, text: 'hello' });
    await p.h.waitForTurn(c.id);
    p.api.enqueue(reply.text('I analysed it.'));
    const start = p.api.requests.length;
    const run = await p.h.host.call('prompts.run', {
      conversationId: c.id,
      server: 'everything',
      name: 'resource-prompt',
      arguments: { resourceType: 'Text', resourceId: '4' },
    });
    expect(run.inserted).toBe(1);
    expect((await p.h.waitForTurn(c.id, 2)).outcome).toBe('complete');
    const request = p.api.requests.slice(start).find((r) => !r.rejected)!;
    expect(p.api.requests.slice(start).every((r) => !r.rejected)).toBe(true);
    expect(request.body.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user']);
    const last = JSON.stringify(request.body.messages.at(-1));
    expect(last).toContain('This prompt includes the Text resource with id: 4');
    expect(last).toContain('Resource 4: This is a plaintext resource');
    const saved = await p.h.host.call('conversations.get', { id: c.id });
    expect(saved.messages[2]).toMatchObject({ role: 'user', attachments: [{ server: 'everything', uri: 'demo://resource/dynamic/text/4' }] });
  });

  it('refuses to run a prompt while Claude is answering', async () => {
    const c = await p.h.host.call('conversations.create', {});
    p.api.enqueue(reply.stall('thinking'));
    await p.h.host.call('chat.send', { conversationId: c.id, text: 'take your time' });
    await expect(p.h.host.call('prompts.run', { conversationId: c.id, server: 'everything', name: 'simple-prompt' })).rejects.toMatchObject({
      code: 'conflict',
    });
    await p.h.host.call('chat.cancel', { conversationId: c.id });
    await p.h.waitForTurn(c.id);
  });
});
