// Issue 5 at the host level: the tool budget, damaged conversation files.
import { readdir, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { startHarness } from '../../support/hostHarness.ts';
import { fixturesDir, nodeBin } from '../../support/paths.ts';

const KEY = 'sk-ant-reliability-key-000';
let api: FakeAnthropic;
beforeAll(async () => {
  api = await startFakeAnthropic({ apiKey: KEY });
});
afterAll(() => api.close());

describe('the tool budget', () => {
  it('with tool search off, tells the person when 500 enabled tools exceed the budget, and sends only when they choose to', async () => {
    const h = await startHarness({
      config: { mcpServers: { big: { command: nodeBin, args: [path.join(fixturesDir, 'many-tools.mjs'), '500'] } } },
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
    });
    try {
      const server = await h.waitForServer('big', 'ready');
      expect(server.tools).toHaveLength(500);
      // With tool search on (the default) 500 tools go deferred; off, the budget asks.
      expect((await h.host.call('host.info', {})).toolBudget).toMatchObject({ enabledTools: 500, over: false, deferred: true });
      await h.host.call('settings.update', { toolSearch: 'off' });
      const info = await h.host.call('host.info', {});
      expect(info.toolBudget).toMatchObject({ enabledTools: 500, over: true, deferred: false });

      const c = await h.host.call('conversations.create', {});
      const before = api.requests.length;
      await expect(h.host.call('chat.send', { conversationId: c.id, text: 'hello' })).rejects.toMatchObject({
        code: 'over-tool-budget',
        message: expect.stringMatching(/500 tools are enabled/),
      });
      expect(api.requests.length).toBe(before);

      api.enqueue(reply.text('Hello with 500 tools.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'hello', overToolBudget: 'send-anyway' });
      expect((await h.waitForTurn(c.id)).outcome).toBe('complete');
      const sent = api.requests.at(-1)!;
      expect(sent.rejected).toBeUndefined();
      expect(sent.body.tools).toHaveLength(500);

      // A retry asks the same question.
      const sentBefore = api.requests.length;
      await expect(h.host.call('chat.retry', { conversationId: c.id })).rejects.toMatchObject({ code: 'over-tool-budget' });
      expect(api.requests.length).toBe(sentBefore);
      api.enqueue(reply.text('Again, with 500 tools.'));
      await h.host.call('chat.retry', { conversationId: c.id, overToolBudget: 'send-anyway' });
      expect((await h.waitForTurn(c.id, 2)).outcome).toBe('complete');
    } finally {
      await h.close();
    }
  });
});

describe('a server flooding stderr', () => {
  it('keeps the live log and the host bounded, says how much it skipped, and the server stays usable', async () => {
    const h = await startHarness({
      config: { mcpServers: { loud: { command: nodeBin, args: [path.join(fixturesDir, 'stderr-flood.mjs')] } } },
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
      trustServers: true,
    });
    try {
      await h.waitForServer('loud', 'ready');
      const started = Date.now();
      // Wait until a window has overflowed, so the throttle is known to have had work to do.
      await h.waitFor(
        () => h.events.some((e) => e.event === 'servers.log' && /more lines arrived faster/.test(JSON.stringify(e.payload))),
        'a skipped-lines summary',
      );
      const elapsed = Date.now() - started + 1_000;
      const live = h.events.filter((e) => e.event === 'servers.log' && (e.payload as { server: string }).server === 'loud');
      const texts = live.map((e) => (e.payload as { line: { text: string } }).line.text);
      // At most 100 lines per 250 ms window, plus one summary line per window.
      expect(live.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) * 101);
      expect(texts.some((t) => /more lines arrived faster than they can be shown live/.test(t))).toBe(true);
      expect((await h.host.call('servers.logs', { server: 'loud' })).length).toBeLessThanOrEqual(500);

      const c = await h.host.call('conversations.create', {});
      api.enqueue(reply.toolUse('loud__echo', {}), reply.text('Still fine.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'echo' });
      expect((await h.waitForTurn(c.id)).outcome).toBe('complete');
      expect(api.requests.at(-1)!.body.messages.at(-1).content[0].is_error).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});

describe('conversation files', () => {
  it('tells the person when a conversation cannot be saved, keeps running, and the answer still shows', async () => {
    const h = await startHarness({ env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url } });
    try {
      const c = await h.host.call('conversations.create', {});
      const dir = path.join(h.dataDir, 'conversations');
      await rm(dir, { recursive: true, force: true });
      await writeFile(dir, 'not a folder');
      api.enqueue(reply.text('Answer that cannot be saved.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'hello' });
      expect((await h.waitForTurn(c.id)).outcome).toBe('complete');
      const notices = (await h.host.call('host.info', {})).notices.map((n) => n.message);
      expect(notices.filter((m) => /could not save the conversation/.test(m))).toHaveLength(1);
      const shown = await h.host.call('conversations.get', { id: c.id });
      expect(JSON.stringify(shown.messages)).toContain('Answer that cannot be saved.');
      await rm(dir, { force: true });
    } finally {
      await h.close();
    }
  });

  it('reports a damaged conversation file and sets it aside, while the others still load', async () => {
    const first = await startHarness({});
    const dataDir = first.dataDir;
    let good = '';
    let bad = '';
    try {
      good = (await first.host.call('conversations.create', { title: 'Keep me' })).id;
      bad = (await first.host.call('conversations.create', { title: 'Break me' })).id;
      await first.host.dispose();
      await truncate(path.join(dataDir, 'conversations', `${bad}.json`), 40);

      const second = await startHarness({ dataDir });
      try {
        const list = await second.host.call('conversations.list', {});
        expect(list.map((c) => c.id)).toEqual([good]);
        const info = await second.host.call('host.info', {});
        expect(info.notices.map((n) => n.message).join('\n')).toMatch(new RegExp(`${bad}\\.json is damaged`));
        const files = await readdir(path.join(dataDir, 'conversations'));
        expect(files.some((f) => f.startsWith(`${bad}.json.damaged-`))).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });
});
