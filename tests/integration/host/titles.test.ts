// A conversation's title: the person's first words at once, a short title from a small model after the first
// answer (never over the person's own), and search over titles and messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { titleFrom } from '../../../app/host/chatSessions.ts';
import { DEFAULT_TITLE_MODEL } from '../../../app/host/settingsStore.ts';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { startHarness, type Harness } from '../../support/hostHarness.ts';
import { eventually } from '../../support/eventually.ts';

describe('titleFrom', () => {
  it('takes the first line without markdown marks, keeping words like snake_case whole', () => {
    expect(titleFrom('Hello **bold** and a table: | a | b |\n|---|---|')).toBe('Hello bold and a table: a b');
    expect(titleFrom('## Call `get_weather` for [Oslo](https://example.com)')).toBe('Call get_weather for Oslo');
    expect(titleFrom('\n\n> quoted question\nsecond line')).toBe('quoted question');
  });

  it('shortens a long first line with an ellipsis', () => {
    const title = titleFrom('word '.repeat(40));
    expect(title.length).toBe(60);
    expect(title.endsWith('…')).toBe(true);
  });
});

describe('short automatic titles', () => {
  let api: FakeAnthropic;
  let h: Harness;
  const key = 'sk-ant-titles-key-123456';

  beforeAll(async () => {
    api = await startFakeAnthropic({ apiKey: key });
    h = await startHarness({ env: { ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: api.url } });
  });

  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  const titleOf = async (id: string) => (await h.host.call('conversations.get', { id })).title;

  it('asks a small model once, after the first answer, and keeps its few words as the title', async () => {
    const c = await h.host.call('conversations.create', {});
    api.enqueue(reply.text('Paris is the capital of France.'), reply.text('About two million people.'));
    api.enqueueTitles(reply.text('"Capital of France."'));
    const before = api.titleRequests.length;
    await h.host.call('chat.send', { conversationId: c.id, text: 'what is the capital of france, and tell me a lot about it please' });
    await h.waitForTurn(c.id);
    await pollUntil(async () => (await titleOf(c.id)) === 'Capital of France', 'the short title');
    const asked = api.titleRequests.slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.rejected).toBeUndefined();
    expect(asked[0]!.body.model).toBe(DEFAULT_TITLE_MODEL);
    expect(asked[0]!.body.max_tokens).toBeLessThanOrEqual(32);
    expect(asked[0]!.body.messages[0].content).toContain('Paris is the capital of France.');
    // The list hears about the new title.
    await pollUntil(
      async () => h.events.some((e) => e.event === 'conversations.changed' && JSON.stringify(e.payload).includes('Capital of France')),
      'the list to hear the title',
    );

    await h.host.call('chat.send', { conversationId: c.id, text: 'How many people live there?' });
    await h.waitForTurn(c.id, 2);
    expect(api.titleRequests.slice(before)).toHaveLength(1);
    expect(await titleOf(c.id)).toBe('Capital of France');
  });

  it('keeps the first words when the title request fails, and is cut by max_tokens like the real API', async () => {
    const c = await h.host.call('conversations.create', {});
    api.enqueueTitles(reply.error(529, 'Overloaded', { type: 'overloaded_error' }));
    const before = api.titleRequests.length;
    await h.host.call('chat.send', { conversationId: c.id, text: 'Tell me about **bees**' });
    await h.waitForTurn(c.id);
    await pollUntil(async () => api.titleRequests.length > before && api.titleRequests.at(-1)!.replied === 'error', 'the failed title request');
    await h.host.call('conversations.list', {});
    expect(await titleOf(c.id)).toBe('Tell me about bees');

    // A model that rambles is stopped at the request's few max_tokens; the title stays short.
    const d = await h.host.call('conversations.create', {});
    api.enqueueTitles(reply.text('A very long title that goes on and on about many different things '.repeat(5)));
    await h.host.call('chat.send', { conversationId: d.id, text: 'Ramble' });
    await h.waitForTurn(d.id);
    await pollUntil(async () => (await titleOf(d.id)) !== 'Ramble', 'the cut title');
    expect((await titleOf(d.id)).length).toBeLessThanOrEqual(60);
  });

  it('never replaces a title the person gave', async () => {
    const c = await h.host.call('conversations.create', {});
    api.enqueue(reply.text('Sure.'));
    await h.host.call('chat.send', { conversationId: c.id, text: 'first words here' });
    await h.host.call('conversations.rename', { id: c.id, title: 'My own name' });
    await h.waitForTurn(c.id);
    const before = api.titleRequests.length;
    // The title request, if one started before the rename, has had time to answer; nothing may overwrite the name.
    await h.host.call('chat.send', { conversationId: c.id, text: 'second' });
    await h.waitForTurn(c.id, 2);
    expect(api.titleRequests.length).toBe(before);
    expect(await titleOf(c.id)).toBe('My own name');
  });

  it('uses the first words when there is no API key', async () => {
    const noKey = await startHarness({ env: { ANTHROPIC_API_KEY: undefined, ANTHROPIC_BASE_URL: api.url } });
    try {
      const before = api.titleRequests.length;
      const c = await noKey.host.call('conversations.create', {});
      await noKey.host.call('chat.send', { conversationId: c.id, text: 'Plan a trip to Oslo\nwith details' });
      await noKey.waitForTurn(c.id);
      expect((await noKey.host.call('conversations.get', { id: c.id })).title).toBe('Plan a trip to Oslo');
      expect(api.titleRequests.length).toBe(before);
    } finally {
      await noKey.close();
    }
  });
});

describe('searching conversations', () => {
  let h: Harness;
  let api: FakeAnthropic;

  beforeAll(async () => {
    api = await startFakeAnthropic();
    h = await startHarness({ env: { ANTHROPIC_API_KEY: 'sk-ant-search', ANTHROPIC_BASE_URL: api.url } });
  });

  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it('finds conversations by words of the title or of any message, with a snippet around the words', async () => {
    const a = await h.host.call('conversations.create', { title: 'Gardening plans' });
    const b = await h.host.call('conversations.create', {});
    api.enqueue(reply.text('Tomatoes want full sun and deep watering twice a week.'));
    await h.host.call('chat.send', { conversationId: b.id, text: 'How do I grow vegetables?' });
    await h.waitForTurn(b.id);
    await h.host.call('conversations.create', { title: 'Unrelated' });

    const byTitle = await h.host.call('conversations.search', { query: 'garden' });
    expect(byTitle.map((x) => x.id)).toEqual([a.id]);
    expect(byTitle[0]).toMatchObject({ inTitle: true, title: 'Gardening plans' });

    const byContent = await h.host.call('conversations.search', { query: 'DEEP watering' });
    expect(byContent.map((x) => x.id)).toEqual([b.id]);
    expect(byContent[0]!.inTitle).toBe(false);
    expect(byContent[0]!.snippet).toContain('deep watering');

    expect(await h.host.call('conversations.search', { query: 'watering gardening' })).toEqual([]);
    await expect(h.host.call('conversations.search', { query: '   ' })).rejects.toThrow(/Type something/);
  });
});

async function pollUntil(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  await eventually(check, what, { timeoutMs });
}
