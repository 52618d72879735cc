// What Switchboard declares to servers, what it learns of theirs, progress, cancellation and structured output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../app/api/views.ts';
import { CLIENT_CAPABILITIES } from '../../../app/protocol/clientCapabilities.ts';
import { reply } from '../../support/fakeAnthropic.ts';
import { fixturesDir, nodeBin } from '../../support/paths.ts';
import { everything, resultText, startProtocolHarness, type ProtocolHarness } from './protocolHarness.ts';

let p: ProtocolHarness;

beforeAll(async () => {
  p = await startProtocolHarness({
    // Shorter than the long-running operation below, longer than its step interval.
    everything: everything({ toolTimeoutSeconds: 1 }),
    probe: { command: nodeBin, args: [`${fixturesDir}/protocol-probe.mjs`] },
  });
});

afterAll(async () => {
  await p?.close();
});

describe('client capabilities', () => {
  it('declares sampling, form and URL elicitation, roots with list changes, tasks as the requestor, the MCP Apps and Tasks extensions, and nothing else', async () => {
    const id = await p.callTool('probe__client-capabilities', {});
    const call = await p.settledCall(id);
    expect(call.status).toBe('done');
    const expected = {
      sampling: {},
      elicitation: { form: { applyDefaults: true }, url: {} },
      roots: { listChanged: true },
      tasks: {},
      extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] }, 'io.modelcontextprotocol/tasks': {} },
    };
    expect(JSON.parse(resultText(call))).toEqual(expected);
    expect(CLIENT_CAPABILITIES).toEqual(expected);
  });

  it("shows each ready server's capabilities in its view", async () => {
    const list = await p.h.host.call('servers.list', {});
    expect(list.find((s) => s.name === 'everything')!.capabilities).toEqual({
      tools: true,
      resources: true,
      resourceSubscribe: true,
      prompts: true,
      logging: true,
      completions: true,
    });
    expect(list.find((s) => s.name === 'probe')!.capabilities).toMatchObject({ tools: true, resources: false, prompts: false, logging: true });
  });

  it('registers the server tools that need sampling, elicitation and roots, because those were declared', async () => {
    const tools = (await p.h.host.call('servers.list', {})).find((s) => s.name === 'everything')!.tools.map((t) => t.name);
    expect(tools).toEqual(expect.arrayContaining(['trigger-sampling-request', 'trigger-elicitation-request', 'trigger-url-elicitation', 'get-roots-list']));
    expect(tools).not.toContain('trigger-sampling-request-async');
  });
});

describe('progress, cancellation and structured output through a turn', () => {
  it('shows progress on the card and lets progress reset the timeout of a call longer than it', async () => {
    const id = await p.callTool('everything__trigger-long-running-operation', { duration: 2.5, steps: 5 });
    const call = await p.settledCall(id);
    expect(call.status).toBe('done');
    expect(resultText(call)).toContain('Long running operation completed');
    const progress = p.h
      .chatEvents(id)
      .filter((e): e is Extract<ChatEvent, { type: 'tool.updated' }> => e.type === 'tool.updated' && e.call.progress !== undefined)
      .map((e) => e.call.progress!.progress)
      .filter((v, i, all) => i === 0 || all[i - 1] !== v);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.slice(0, 3)).toEqual([1, 2, 3]);
    expect((await p.h.waitForTurn(id)).outcome).toBe('complete');
  });

  it('sends notifications/cancelled to the server when the person presses Stop mid-call', async () => {
    const c = await p.h.host.call('conversations.create', {});
    p.api.enqueue(reply.toolUse('probe__wait-for-cancel', {}));
    await p.h.host.call('chat.send', { conversationId: c.id, text: 'wait' });
    await p.h.waitFor(() => p.h.chatEvents(c.id).some((e) => e.type === 'tool.updated' && e.call.status === 'running'), 'the call to run');
    await p.h.host.call('chat.cancel', { conversationId: c.id });
    const line = await p.waitForEvent('servers.log', (e) => e.server === 'probe' && e.line.text.includes('saw notifications/cancelled'));
    expect(line.line.source).toBe('server');
    expect((await p.h.waitForTurn(c.id)).outcome).toBe('cancelled');
    expect((await p.settledCall(c.id)).status).toBe('cancelled');
  });

  it('keeps structured content on the card and passes it to the model as text', async () => {
    const tool = (await p.h.host.call('servers.list', {})).find((s) => s.name === 'everything')!.tools.find((t) => t.name === 'get-structured-content')!;
    expect(tool.outputSchema).toMatchObject({ type: 'object', properties: { temperature: { type: 'number' } } });
    const id = await p.callTool('everything__get-structured-content', { location: 'Chicago' });
    const call = await p.settledCall(id);
    expect(call.result?.structuredContent).toEqual({ temperature: 36, conditions: 'Light rain / drizzle', humidity: 82 });
    await p.h.waitForTurn(id);
    const sent = p.api.requests
      .filter((r) => !r.rejected)
      .at(-1)!
      .body.messages.at(-1).content[0];
    expect(sent.type).toBe('tool_result');
    expect(JSON.stringify(sent.content)).toContain('Light rain / drizzle');
  });
});
