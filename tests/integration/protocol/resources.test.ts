// Resources through the contract against server-everything: list, templates with completions, read,
// subscribe → updated, and a resource attached to a message as context the strict fake API accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply } from '../../support/fakeAnthropic.ts';
import { everything, startProtocolHarness, type ProtocolHarness } from './protocolHarness.ts';

let p: ProtocolHarness;
const INSTRUCTIONS = 'demo://resource/static/document/instructions.md';

beforeAll(async () => {
  p = await startProtocolHarness({ everything: everything() });
});

afterAll(async () => {
  await p?.close();
});

describe('resources', () => {
  it('lists every resource of a server, and of all servers when none is named', async () => {
    const list = await p.h.host.call('resources.list', { server: 'everything' });
    const doc = list.find((r) => r.uri === INSTRUCTIONS);
    expect(doc).toMatchObject({ server: 'everything', name: 'instructions.md', mimeType: 'text/markdown', subscribed: false });
    expect(await p.h.host.call('resources.list', {})).toEqual(list);
  });

  it('lists templates with their variables, suggests values, and fills them in', async () => {
    const templates = await p.h.host.call('resources.templates', { server: 'everything' });
    const text = templates.find((t) => t.name === 'Dynamic Text Resource')!;
    expect(text).toMatchObject({ uriTemplate: 'demo://resource/dynamic/text/{resourceId}', variables: ['resourceId'], mimeType: 'text/plain' });
    const suggestions = await p.h.host.call('completions.complete', {
      server: 'everything',
      ref: { type: 'ref/resource', uri: text.uriTemplate },
      argument: { name: 'resourceId', value: '7' },
    });
    expect(suggestions.values).toEqual(['7']);
    const { uri } = await p.h.host.call('resources.expandTemplate', { uriTemplate: text.uriTemplate, variables: { resourceId: '7' } });
    expect(uri).toBe('demo://resource/dynamic/text/7');
    const read = await p.h.host.call('resources.read', { server: 'everything', uri });
    expect(read.contents[0]).toMatchObject({
      kind: 'text',
      uri,
      mimeType: 'text/plain',
      text: expect.stringContaining('Resource 7: This is a plaintext resource'),
    });
  });

  it('reads blobs with their size and data', async () => {
    const read = await p.h.host.call('resources.read', { server: 'everything', uri: 'demo://resource/dynamic/blob/3' });
    const blob = read.contents[0]!;
    expect(blob.kind).toBe('blob');
    if (blob.kind !== 'blob') return;
    expect(Buffer.from(blob.data!, 'base64').toString('utf8')).toContain('Resource 3: This is a base64 blob');
    expect(blob.bytes).toBeGreaterThan(20);
  });

  it('explains a read the server refuses, naming the server', async () => {
    await expect(p.h.host.call('resources.read', { server: 'everything', uri: 'demo://resource/dynamic/text/zero' })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('"everything" could not read'),
    });
    await expect(p.h.host.call('resources.list', { server: 'nobody' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it("subscribes, marks the resource, and turns the server's update notifications into events", async () => {
    expect(await p.h.host.call('resources.subscribe', { server: 'everything', uri: INSTRUCTIONS })).toEqual({
      server: 'everything',
      uri: INSTRUCTIONS,
      subscribed: true,
    });
    expect((await p.h.host.call('resources.list', { server: 'everything' })).find((r) => r.uri === INSTRUCTIONS)!.subscribed).toBe(true);
    const id = await p.callTool('everything__toggle-subscriber-updates', {});
    const updated = await p.waitForEvent('resources.updated', (e) => e.uri === INSTRUCTIONS);
    expect(updated).toEqual({ server: 'everything', uri: INSTRUCTIONS });
    await p.h.waitForTurn(id);
    expect(await p.h.host.call('resources.unsubscribe', { server: 'everything', uri: INSTRUCTIONS })).toMatchObject({ subscribed: false });
  });
});

describe('reconnecting', () => {
  it('subscribes again after the server restarts, since the new session forgot the subscription', async () => {
    const uri = 'demo://resource/dynamic/text/1';
    const asked = () =>
      p.seen('servers.log').filter((e) => e.server === 'everything' && e.line.text.includes(`Received Subscribe Resource request for URI: ${uri}`)).length;
    await p.h.host.call('resources.subscribe', { server: 'everything', uri });
    await p.h.waitFor(() => asked() === 1, 'the first subscribe');
    await p.h.host.call('servers.restart', { server: 'everything' });
    await p.h.waitForServer('everything', 'ready');
    await p.h.waitFor(() => asked() === 2, 'the subscribe to be sent again');
    await p.h.host.call('resources.unsubscribe', { server: 'everything', uri });
  });
});

describe('list changes', () => {
  it('announces a changed resource list, and the next listing has the new resource', async () => {
    const before = p.seen('resources.changed').length;
    const id = await p.callTool('everything__gzip-file-as-resource', { name: 'note.txt.gz', data: 'data:text/plain;base64,aGVsbG8gd29ybGQ=' });
    await p.h.waitFor(
      () =>
        p
          .seen('resources.changed')
          .slice(before)
          .find((e) => e.server === 'everything'),
      'resources.changed',
    );
    await p.h.waitForTurn(id);
    const list = await p.h.host.call('resources.list', { server: 'everything' });
    expect(list.map((r) => r.uri)).toContain('demo://resource/session/note.txt.gz');
  });
});

describe('attaching resources to a message', () => {
  it('reads each resource and sends it before the text, as blocks the API accepts, and shows the attachments', async () => {
    const c = await p.h.host.call('conversations.create', {});
    const start = p.api.requests.length;
    p.api.enqueue(reply.text('I read them.'));
    await p.h.host.call('chat.send', {
      conversationId: c.id,
      text: 'What do these say?',
      attachments: [
        { server: 'everything', uri: INSTRUCTIONS },
        { server: 'everything', uri: 'demo://resource/dynamic/text/2' },
        { server: 'everything', uri: 'demo://resource/dynamic/blob/5' },
      ],
    });
    expect((await p.h.waitForTurn(c.id)).outcome).toBe('complete');
    const request = p.api.requests.slice(start).find((r) => !r.rejected)!;
    expect(p.api.requests.slice(start).every((r) => !r.rejected)).toBe(true);
    const content = request.body.messages.at(-1).content as { type: string; text?: string; source?: { data: string } }[];
    expect(content.at(-1)).toMatchObject({ type: 'text', text: 'What do these say?' });
    const context = JSON.stringify(content.slice(0, -1));
    expect(context).toContain(INSTRUCTIONS);
    expect(context).toContain('Resource 2: This is a plaintext resource');
    expect(context).toContain('Resource 5: This is a base64 blob');

    const saved = await p.h.host.call('conversations.get', { id: c.id });
    expect(saved.messages[0]).toMatchObject({
      role: 'user',
      text: 'What do these say?',
      attachments: [
        { server: 'everything', uri: INSTRUCTIONS, mimeType: 'text/markdown' },
        { server: 'everything', uri: 'demo://resource/dynamic/text/2', mimeType: 'text/plain' },
        { server: 'everything', uri: 'demo://resource/dynamic/blob/5', mimeType: 'text/plain' },
      ],
    });
  });

  it('refuses the message, sending nothing, when an attachment cannot be read', async () => {
    const c = await p.h.host.call('conversations.create', {});
    const start = p.api.requests.length;
    await expect(
      p.h.host.call('chat.send', { conversationId: c.id, text: 'hi', attachments: [{ server: 'everything', uri: 'demo://nothing/here' }] }),
    ).rejects.toMatchObject({ code: 'unavailable' });
    expect(p.api.requests.length).toBe(start);
    expect((await p.h.host.call('conversations.get', { id: c.id })).messages).toEqual([]);
  });
});
