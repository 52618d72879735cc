// Everything a server can ask of the host works in both protocol eras, through the host's own connection:
// tools with progress and Stop, resources, prompts, and the requests a server makes of the client. In the
// 2026-07-28 era those requests (form and URL elicitation, sampling, roots) arrive as `input_required` results
// answered inside the call; in the 2025 era as server→client requests. The same dialogs answer both.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent, ElicitationView, SamplingRequestView } from '../../../app/api/views.ts';
import { replay } from '../../../renderer/store/pendingChange.ts';
import { startEraServer, type EraServer } from '../../fixtures/eraServer.ts';
import { eventually } from '../../support/eventually.ts';
import { reply } from '../../support/fakeAnthropic.ts';
import { fixturesDir, nodeBin } from '../../support/paths.ts';
import { resultText, startProtocolHarness, type ProtocolHarness } from './protocolHarness.ts';

const eraStdio = path.join(fixturesDir, 'era-stdio.mjs');

/** How the host reaches the era fixture, and the era and revision it must agree on. */
const ERAS = [
  { name: '2026-07-28 over Streamable HTTP (a 2026-only server)', era: '2026', version: '2026-07-28', http: true },
  { name: '2026-07-28 over stdio ("protocol": "auto")', era: '2026', version: '2026-07-28', entry: { command: nodeBin, args: [eraStdio], protocol: 'auto' } },
  { name: '2025-11-25 over stdio (the default for local servers)', era: '2025', version: '2025-11-25', entry: { command: nodeBin, args: [eraStdio] } },
] as const;

describe.each(ERAS)('in the $name era', (era) => {
  let p: ProtocolHarness;
  let server: EraServer | undefined;
  let folders: string;

  beforeAll(async () => {
    folders = await mkdtemp(path.join(os.tmpdir(), 'switchboard-eras-'));
    if ('http' in era) server = await startEraServer('2026');
    const entry = server ? { url: server.url } : 'entry' in era ? era.entry : {};
    p = await startProtocolHarness({ era: entry });
  });

  afterAll(async () => {
    await p?.close();
    await server?.close();
    await rm(folders, { recursive: true, force: true });
  });

  async function pendingElicitation(): Promise<ElicitationView> {
    return p.h.waitFor(() => replay(p.seen('elicitation.changed'))[0], 'a pending elicitation');
  }

  it('connects in that era and shows the era and revision on the server page', async () => {
    const view = (await p.h.host.call('servers.list', {})).find((s) => s.name === 'era')!;
    expect(view.state).toMatchObject({ kind: 'ready', protocolEra: era.era, protocolVersion: era.version });
    expect(server?.requests.some((r) => r.method === 'initialize') ?? false).toBe(false);
  });

  it('calls a tool and shows its progress on the card', async () => {
    const id = await p.callTool('era__count', {});
    const call = await p.settledCall(id);
    expect(call.status).toBe('done');
    expect(resultText(call)).toBe('counted to 3');
    const progress = p.h
      .chatEvents(id)
      .filter((e): e is Extract<ChatEvent, { type: 'tool.updated' }> => e.type === 'tool.updated' && e.call.progress !== undefined)
      .map((e) => e.call.progress!.progress);
    expect([...new Set(progress)]).toEqual([1, 2, 3]);
    await p.h.waitForTurn(id);
  });

  it('lists and reads resources, and lists and gets prompts', async () => {
    const resources = await p.h.host.call('resources.list', { server: 'era' });
    expect(resources.map((r) => r.uri)).toContain('era://note');
    const read = await p.h.host.call('resources.read', { server: 'era', uri: 'era://note' });
    expect(JSON.stringify(read)).toContain('a note from the era server');
    const prompts = await p.h.host.call('prompts.list', { server: 'era' });
    expect(prompts.map((x) => x.name)).toContain('greet');
    const prompt = await p.h.host.call('prompts.get', { server: 'era', name: 'greet', arguments: { name: 'Ada' } });
    expect(JSON.stringify(prompt)).toContain('Say hello to Ada.');
  });

  it("serves an MCP App: its ui:// resource is read, and the app's own tools/call runs through the host", async () => {
    const { app } = await p.h.host.call('apps.resource', { server: 'era', tool: 'show-card' });
    expect(app).toMatchObject({ server: 'era', uri: 'ui://era/card.html' });
    expect(app!.html).toContain('the era card app');
    const id = await p.callTool('era__show-card', {});
    const parent = await p.settledCall(id);
    expect(parent.status).toBe('done');
    const answer = await p.h.host.call('apps.callTool', {
      conversationId: id,
      parentCallId: parent.id,
      server: 'era',
      tool: 'echo',
      arguments: { text: 'from the app' },
    });
    expect(JSON.stringify(answer)).toContain('echo: from the app');
    await p.h.waitForTurn(id);
  });

  it('stops a running call when the person presses Stop, and the server sees it', async () => {
    const c = await p.h.host.call('conversations.create', {});
    p.api.enqueue(reply.toolUse('era__wait-for-stop', {}));
    await p.h.host.call('chat.send', { conversationId: c.id, text: 'wait' });
    await p.h.waitFor(() => p.h.chatEvents(c.id).some((e) => e.type === 'tool.updated' && e.call.status === 'running'), 'the call to run');
    await p.h.host.call('chat.cancel', { conversationId: c.id });
    expect((await p.h.waitForTurn(c.id)).outcome).toBe('cancelled');
    expect((await p.settledCall(c.id)).status).toBe('cancelled');
    const id = await p.callTool('era__stops-seen', {});
    expect(resultText(await p.settledCall(id))).toBe('stops seen: 1');
    await p.h.waitForTurn(id);
  });

  it('asks the person with a form and sends the answer back into the call', async () => {
    const id = await p.callTool('era__ask-name', {});
    const form = await pendingElicitation();
    expect(form).toMatchObject({ server: 'era', mode: 'form', message: 'What is your name?' });
    await p.h.host.call('elicitation.respond', { id: form.id, action: 'accept', content: { name: 'Ada' } } as never);
    const call = await p.settledCall(id);
    expect(resultText(call)).toBe('hello, Ada');
    expect(replay(p.seen('elicitation.changed'))).toEqual([]);
    await p.h.waitForTurn(id);
  });

  it('tells the call when the person declines the form', async () => {
    const id = await p.callTool('era__ask-name', {});
    const form = await pendingElicitation();
    await p.h.host.call('elicitation.respond', { id: form.id, action: 'decline' });
    expect(resultText(await p.settledCall(id))).toBe('the person chose decline');
    await p.h.waitForTurn(id);
  });

  it('shows a URL elicitation with its full address and passes on the consent', async () => {
    const url = 'http://127.0.0.1:9/authorize?state=era';
    const id = await p.callTool('era__open-page', { url });
    const pending = await pendingElicitation();
    expect(pending).toMatchObject({ mode: 'url', url, message: 'Open this page, please.' });
    await p.h.host.call('elicitation.respond', { id: pending.id, action: 'accept' });
    expect(resultText(await p.settledCall(id))).toBe('page: accept');
    await p.h.waitForTurn(id);
  });

  it('asks the person before sampling, runs the approved request on Claude and returns the answer', async () => {
    const id = await p.callTool('era__summarize', { prompt: 'Say hi' }, { during: [reply.text('Hi there.')] });
    const pending = await p.h.waitFor<SamplingRequestView>(() => replay(p.seen('sampling.changed'))[0], 'a pending sampling request');
    expect(pending).toMatchObject({ server: 'era', messages: [{ role: 'user', content: [{ kind: 'text', text: 'Say hi' }] }] });
    await p.h.host.call('sampling.decide', { id: pending.id, decision: 'approve' });
    expect(resultText(await p.settledCall(id))).toBe('sampled: Hi there.');
    await p.h.waitForTurn(id);
  });

  it('sends the log level the person chose, and hears only what is at that level or above', async () => {
    await p.h.host.call('logging.setLevel', { server: 'era', level: 'error' });
    const id = await p.callTool('era__log-levels', {});
    expect(resultText(await p.settledCall(id))).toBe('logged');
    await p.waitForEvent('servers.log', (e) => e.server === 'era' && e.line.text.includes('an error line'));
    expect(p.seen('servers.log').some((e) => e.server === 'era' && e.line.text.includes('a debug line'))).toBe(false);
    await p.h.waitForTurn(id);
  });

  it('hears that a subscribed resource changed', async () => {
    expect(await p.h.host.call('resources.subscribe', { server: 'era', uri: 'era://note' })).toMatchObject({ subscribed: true });
    const id = await p.callTool('era__touch-note', {});
    expect(resultText(await p.settledCall(id))).toBe('touched');
    await p.waitForEvent('resources.updated', (e) => e.server === 'era' && e.uri === 'era://note');
    await p.h.waitForTurn(id);
  });

  it('hears that the tool list changed, and offers the new tool', async () => {
    const id = await p.callTool('era__add-tool', { name: 'late' });
    expect(resultText(await p.settledCall(id))).toBe('added late');
    await eventually(
      async () => (await p.h.host.call('servers.list', {})).find((s) => s.name === 'era')?.tools.some((t) => t.name === 'late'),
      'the new tool on the server page',
    );
    await p.h.waitForTurn(id);
  });

  it('answers a roots request with the folders the person chose', async () => {
    const folder = path.join(folders, 'project');
    await p.h.host.call('roots.set', { global: [folder], perServer: {} });
    const id = await p.callTool('era__list-roots', {});
    expect(resultText(await p.settledCall(id))).toBe(`roots: ${pathToFileURL(folder).href}`);
    await p.h.waitForTurn(id);
  });
});
