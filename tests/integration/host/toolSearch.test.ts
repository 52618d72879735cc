// Hundreds of tools without refusing to send: past the threshold they go deferred with the tool search tool,
// Claude finds and calls the one it needs, and only the loaded tools count in the prompt.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageView } from '../../../app/api/views.ts';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { startHarness, type Harness } from '../../support/hostHarness.ts';
import { fixturesDir, nodeBin, serverBins } from '../../support/paths.ts';

const KEY = 'sk-ant-tool-search-key-000';
const catalog = (domain: string) => ({ command: nodeBin, args: [path.join(fixturesDir, 'tool-catalog.mjs'), domain, '150'] });
const CATALOGS = { crm: catalog('crm'), ops: catalog('ops'), docs: catalog('docs'), everything: { command: nodeBin, args: [serverBins.everything] } };

type Tool = { name: string; type?: string; defer_loading?: boolean; cache_control?: unknown };
const loadedNames = (tools: Tool[]) => tools.filter((t) => !t.defer_loading).map((t) => t.name);
const assistantMessages = (h: Harness, id: string) =>
  h.host.call('conversations.get', { id }).then((c) => c.messages.filter((m): m is Extract<MessageView, { role: 'assistant' }> => m.role === 'assistant'));

async function startAll(api: FakeAnthropic, extra: Record<string, unknown> = {}): Promise<Harness> {
  const h = await startHarness({
    config: { mcpServers: { ...CATALOGS, ...extra } },
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
    trustServers: true,
  });
  for (const name of Object.keys(CATALOGS)) await h.waitForServer(name, 'ready');
  return h;
}

describe('tool search with 3 servers × 150 tools and server-everything', () => {
  let api: FakeAnthropic;
  let h: Harness;
  beforeAll(async () => {
    api = await startFakeAnthropic({ apiKey: KEY });
    h = await startAll(api);
  });
  afterAll(async () => {
    await h.close();
    await api.close();
  });

  it('sends without refusing, Claude finds and calls the right tool through search, and only loaded tools are in the prompt', async () => {
    const budget = (await h.host.call('host.info', {})).toolBudget;
    expect(budget.enabledTools).toBeGreaterThan(450);
    expect(budget).toMatchObject({ deferred: true, over: false, loadedTools: 0 });

    const c = await h.host.call('conversations.create', {});
    api.enqueue(reply.searchThenCall('rotate the TLS certificate', 'ops__rotate_certificate', { id: 'cert-7' }), reply.text('Rotated cert-7.'));
    const before = api.requests.length;
    await h.host.call('chat.send', { conversationId: c.id, text: 'Rotate certificate cert-7, please.' });
    expect((await h.waitForTurn(c.id)).outcome).toBe('complete');

    const [first, second] = api.requests.slice(before);
    expect(first!.rejected).toBeUndefined();
    expect(second!.rejected).toBeUndefined();
    const tools = first!.body.tools as Tool[];
    // Every enabled tool is offered; only the search tool is loaded (nothing pinned or used yet), and it carries the breakpoint.
    expect(tools).toHaveLength(budget.enabledTools + 1);
    expect(loadedNames(tools)).toEqual(['tool_search_tool_bm25']);
    expect(tools.find((t) => t.name === 'tool_search_tool_bm25')).toMatchObject({
      type: 'tool_search_tool_bm25_20251119',
      cache_control: { type: 'ephemeral' },
    });
    // The prompt holds the loaded tools only: far fewer tokens than the 450+ definitions sent.
    expect(first!.usage!.input_tokens + first!.usage!.cache_creation_input_tokens).toBeLessThan(JSON.stringify(tools).length / 4 / 20);

    // The search and its result went back verbatim, before the call, and the server ran the call.
    const turn = second!.body.messages[1].content as { type: string; name?: string }[];
    expect(turn.map((b) => b.type)).toEqual(['server_tool_use', 'tool_search_tool_result', 'tool_use']);
    const [reply1] = await assistantMessages(h, c.id);
    const call = reply1!.blocks.find((b) => b.kind === 'tool');
    expect(call?.kind === 'tool' && call.call).toMatchObject({
      server: 'ops',
      toolName: 'rotate_certificate',
      status: 'done',
      foundBy: 'rotate the TLS certificate',
    });
    expect(reply1!.tools).toMatchObject({ loaded: 0, deferred: true, available: budget.enabledTools });
    expect(reply1!.tools!.searches![0]!.query).toBe('rotate the TLS certificate');
    expect(reply1!.tools!.searches![0]!.found[0]).toEqual({ apiName: 'ops__rotate_certificate', server: 'ops', toolName: 'rotate_certificate' });
    // The cached prefix (tools, then the conversation) is read back on the next request.
    expect(second!.usage!.cache_read_input_tokens).toBeGreaterThan(0);

    // Next turn: the tool stays loaded by its reference, Claude calls it directly, the loaded tools do not change.
    api.enqueue(reply.toolUse('ops__rotate_certificate', { id: 'cert-8' }), reply.text('Rotated cert-8.'));
    const mark = api.requests.length;
    await h.host.call('chat.send', { conversationId: c.id, text: 'And cert-8.' });
    expect((await h.waitForTurn(c.id, 2)).outcome).toBe('complete');
    const third = api.requests[mark]!;
    expect(third.rejected).toBeUndefined();
    expect(loadedNames(third.body.tools as Tool[])).toEqual(['tool_search_tool_bm25']);
    expect(third.usage!.cache_read_input_tokens).toBeGreaterThanOrEqual(second!.usage!.cache_read_input_tokens);
  });

  it('sends a reply paused after a search back as it is, and the turn goes on to the call', async () => {
    const c = await h.host.call('conversations.create', {});
    api.enqueue(
      reply.message([{ type: 'tool_search', query: 'export invoice' }], 'pause_turn'),
      reply.toolUse('crm__export_invoice', { id: 'inv-9' }),
      reply.text('Exported.'),
    );
    const mark = api.requests.length;
    await h.host.call('chat.send', { conversationId: c.id, text: 'Export invoice inv-9.' });
    expect((await h.waitForTurn(c.id)).outcome).toBe('complete');
    const [, resumed, last] = api.requests.slice(mark);
    expect(resumed!.rejected).toBeUndefined();
    const tail = resumed!.body.messages.at(-1) as { role: string; content: { type: string }[] };
    expect(tail.role).toBe('assistant');
    expect(tail.content.map((b) => b.type)).toEqual(['server_tool_use', 'tool_search_tool_result']);
    expect(last!.rejected).toBeUndefined();
    expect(JSON.stringify(last!.body.messages.at(-1))).toContain('crm/export_invoice ran with');
  });

  it('keeps pinned tools loaded, ahead of the search tool', async () => {
    await h.host.call('settings.update', { pinnedTools: ['crm__get_invoice', 'everything__echo'] });
    try {
      expect((await h.host.call('host.info', {})).toolBudget).toMatchObject({ deferred: true, loadedTools: 2 });
      const c = await h.host.call('conversations.create', {});
      api.enqueue(reply.toolUse('crm__get_invoice', { id: 'inv-1' }), reply.text('Here it is.'));
      const mark = api.requests.length;
      await h.host.call('chat.send', { conversationId: c.id, text: 'Invoice inv-1?' });
      expect((await h.waitForTurn(c.id)).outcome).toBe('complete');
      const sent = api.requests[mark]!;
      expect(sent.rejected).toBeUndefined();
      expect(loadedNames(sent.body.tools as Tool[])).toEqual(['crm__get_invoice', 'everything__echo', 'tool_search_tool_bm25']);
    } finally {
      await h.host.call('settings.update', { pinnedTools: [] });
    }
  });

  it('turned off in Settings, restores the budget flow: ask first, then send every tool loaded', async () => {
    await h.host.call('settings.update', { toolSearch: 'off' });
    try {
      const budget = (await h.host.call('host.info', {})).toolBudget;
      expect(budget).toMatchObject({ deferred: false, over: true, toolSearch: { on: false } });
      const c = await h.host.call('conversations.create', {});
      const mark = api.requests.length;
      await expect(h.host.call('chat.send', { conversationId: c.id, text: 'hi' })).rejects.toMatchObject({
        code: 'over-tool-budget',
        message: expect.stringMatching(/Tool search is off in Settings/),
      });
      expect(api.requests.length).toBe(mark);
      api.enqueue(reply.text('Hello with every tool.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'hi', overToolBudget: 'send-anyway' });
      expect((await h.waitForTurn(c.id)).outcome).toBe('complete');
      const tools = api.requests.at(-1)!.body.tools as Tool[];
      expect(tools).toHaveLength(budget.enabledTools);
      expect(tools.some((t) => t.defer_loading || t.type)).toBe(false);
    } finally {
      await h.host.call('settings.update', { toolSearch: 'auto' });
    }
  });
});

describe('an API that rejects tool search', () => {
  let api: FakeAnthropic;
  beforeAll(async () => {
    api = await startFakeAnthropic({ apiKey: KEY, toolSearch: false });
  });
  afterAll(() => api.close());

  it('says so in words, and falls back to the budget flow over the budget', async () => {
    const h = await startAll(api);
    try {
      const c = await h.host.call('conversations.create', {});
      const mark = api.requests.length;
      await h.host.call('chat.send', { conversationId: c.id, text: 'hi' });
      const finished = await h.waitForTurn(c.id);
      expect(finished.outcome).toBe('error');
      expect(api.requests[mark]!.rejected?.message).toMatch(/tool_search_tool_bm25_20251119/);
      expect(finished.error?.message).toMatch(
        new RegExp(`Tool search cannot be used: the API at ${api.url} does not accept it .*send again and choose to send all of them`),
      );
      expect(api.requests.length).toBe(mark + 1);

      const info = await h.host.call('host.info', {});
      expect(info.toolBudget).toMatchObject({ deferred: false, over: true, toolSearchProblem: expect.stringMatching(/does not accept it/) });
      expect(info.notices.some((n) => /Tool search is not used/.test(n.message))).toBe(true);
      await expect(h.host.call('chat.send', { conversationId: c.id, text: 'hi' })).rejects.toMatchObject({
        code: 'over-tool-budget',
        message: expect.stringMatching(/Tool search, which would let Claude load only the tools it needs, cannot be used/),
      });
      api.enqueue(reply.text('Hello with every tool.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'hi', overToolBudget: 'send-anyway' });
      expect((await h.waitForTurn(c.id, 2)).outcome).toBe('complete');
      const sent = api.requests.at(-1)!;
      expect(sent.rejected).toBeUndefined();
      expect((sent.body.tools as Tool[]).every((t) => !t.defer_loading && !t.type)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('under the budget, sends again at once without tool search', async () => {
    const h = await startHarness({
      config: { mcpServers: { everything: CATALOGS.everything } },
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
    });
    try {
      await h.waitForServer('everything', 'ready');
      await h.host.call('settings.update', { toolSearchAfter: 3 });
      expect((await h.host.call('host.info', {})).toolBudget.deferred).toBe(true);
      const c = await h.host.call('conversations.create', {});
      api.enqueue(reply.text('Hello.'));
      const mark = api.requests.length;
      await h.host.call('chat.send', { conversationId: c.id, text: 'hi' });
      expect((await h.waitForTurn(c.id)).outcome).toBe('complete');
      const [refused, sent] = api.requests.slice(mark);
      expect(refused!.rejected?.message).toMatch(/does not match any of the expected tags: 'custom'/);
      expect(sent!.rejected).toBeUndefined();
      expect((sent!.body.tools as Tool[]).some((t) => t.defer_loading || t.type)).toBe(false);
    } finally {
      await h.close();
    }
  });
});

describe('a send while a server is still starting', () => {
  it('goes out with the tools that are ready, says which servers are starting, and their tools join the next request', async () => {
    const api = await startFakeAnthropic({ apiKey: KEY });
    const gateDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-gate-'));
    const gate = path.join(gateDir, 'open');
    const h = await startHarness({
      config: { mcpServers: { everything: CATALOGS.everything, gated: { command: nodeBin, args: [path.join(fixturesDir, 'gated-start.mjs'), gate] } } },
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
    });
    try {
      await h.waitForServer('everything', 'ready');
      await h.waitForServer('gated', 'starting');
      const c = await h.host.call('conversations.create', {});
      api.enqueue(reply.text('Hello.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'hi' });
      expect((await h.waitForTurn(c.id)).outcome).toBe('complete');
      const first = api.requests.at(-1)!;
      expect(loadedNames(first.body.tools as Tool[]).some((n) => n.startsWith('gated__'))).toBe(false);
      expect((await assistantMessages(h, c.id))[0]!.tools).toMatchObject({ starting: ['gated'] });

      await writeFile(gate, '');
      await h.waitForServer('gated', 'ready');
      api.enqueue(reply.text('Hello again.'));
      await h.host.call('chat.send', { conversationId: c.id, text: 'again' });
      expect((await h.waitForTurn(c.id, 2)).outcome).toBe('complete');
      expect(loadedNames(api.requests.at(-1)!.body.tools as Tool[])).toContain('gated__echo');
      expect((await assistantMessages(h, c.id))[1]!.tools?.starting).toBeUndefined();
    } finally {
      await h.close();
      await api.close();
      await rm(gateDir, { recursive: true, force: true });
    }
  });
});
