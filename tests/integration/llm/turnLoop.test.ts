// Whole turns: the strict fake Messages API + real server-everything over stdio.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ToolUseBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { buildToolRegistry, type ToolRegistry } from '../../../app/routing/toolRegistry.ts';
import type { TestInvoker } from '../../support/callServers.ts';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { serverBins } from '../../support/paths.ts';
import { startMcpServers, type McpHarness } from './mcpHarness.ts';
import { newConversation, transcriptProblem, turn } from './turnHarness.ts';

let api: FakeAnthropic;
let mcp: McpHarness;
let registry: ToolRegistry;

beforeAll(async () => {
  api = await startFakeAnthropic();
  mcp = await startMcpServers({ everything: { bin: serverBins.everything }, spare: { bin: serverBins.everything } });
  registry = buildToolRegistry(mcp.inputs);
});
afterAll(async () => {
  await mcp?.close();
  await api?.close();
});
beforeEach(() => {
  api.handle(undefined);
});

describe('a chat turn with real MCP tools', () => {
  it('calls a server-everything tool, feeds the result back and saves the final text', async () => {
    const conversation = newConversation();
    api.enqueue(reply.toolUse('everything__get-sum', { a: 2, b: 3 }, { text: 'Adding.' }), reply.text('The sum is 5.'));
    const run = await turn(api, conversation, 'What is 2 + 3?', { registry, invoke: mcp.invoke });

    expect(run.result.outcome).toBe('complete');
    const second = api.requests.at(-1)!;
    expect(second.rejected).toBeUndefined();
    const results = second.body.messages.at(-1).content;
    expect(results[0]).toMatchObject({ type: 'tool_result', content: [{ type: 'text', text: expect.stringContaining('5') }] });
    expect(conversation.transcript.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(conversation.transcript.at(-1)).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'The sum is 5.' }] });
    const [userView, firstReply, finalReply] = conversation.messages;
    expect(userView).toMatchObject({ role: 'user', text: 'What is 2 + 3?' });
    expect(firstReply).toMatchObject({ role: 'assistant', status: 'complete', stopReason: 'tool_use' });
    const toolBlock = firstReply!.role === 'assistant' ? firstReply!.blocks[1] : undefined;
    expect(toolBlock).toMatchObject({ kind: 'tool', call: { server: 'everything', toolName: 'get-sum', status: 'done', input: { a: 2, b: 3 } } });
    expect(finalReply).toMatchObject({ role: 'assistant', status: 'complete', blocks: [{ kind: 'text', text: 'The sum is 5.' }] });
    // Saved after: user message, assistant message, tool results, final assistant message.
    expect(run.steps.map((s) => s.transcript.length)).toEqual([1, 2, 3, 4]);
    const types = run.events.map((e) => e.type);
    expect(types[0]).toBe('turn.started');
    expect(types).toContain('text.delta');
    expect(types.filter((t) => t === 'tool.updated').length).toBeGreaterThanOrEqual(3);
    expect(types.at(-1)).toBe('turn.finished');
    expect(run.result.usage.outputTokens).toBeGreaterThan(0);
    expect(transcriptProblem(conversation)).toBeUndefined();
  });

  it('runs two tool_use blocks of one message concurrently on the server', async () => {
    const log: string[] = [];
    const invoke: TestInvoker = async (server, tool, args, opts) => {
      log.push(`enter ${String(args.steps)}`);
      try {
        return await mcp.invoke(server, tool, args, opts);
      } finally {
        log.push(`exit ${String(args.steps)}`);
      }
    };
    const name = 'everything__trigger-long-running-operation';
    api.enqueue(
      reply.toolUses([
        { name, input: { duration: 0.3, steps: 2 } },
        { name, input: { duration: 0.3, steps: 3 } },
      ]),
      reply.text('Both done.'),
    );
    const conversation = newConversation();
    const run = await turn(api, conversation, 'Run two long operations', { registry, invoke });
    expect(run.result.outcome).toBe('complete');
    expect(log.slice(0, 2).every((l) => l.startsWith('enter'))).toBe(true);
    expect(log.slice(2).every((l) => l.startsWith('exit'))).toBe(true);
    const results = api.requests.at(-1)!.body.messages.at(-1).content as { tool_use_id: string; content: { text: string }[] }[];
    const uses = (conversation.transcript[1]!.content as ToolUseBlockParam[]).filter((b) => b.type === 'tool_use');
    expect(results.map((r) => r.tool_use_id)).toEqual(uses.map((u) => u.id));
    expect(results[0]!.content[0]!.text).toContain('Steps: 2');
    expect(results[1]!.content[0]!.text).toContain('Steps: 3');
  });

  it("sends a real server's image, resource and resource links in a form the API accepts", async () => {
    api.enqueue(
      reply.toolUses([
        { name: 'everything__get-tiny-image', input: {} },
        { name: 'everything__get-resource-links', input: { count: 2 } },
        { name: 'everything__get-resource-reference', input: { resourceType: 'Text', resourceId: 1 } },
      ]),
      reply.text('Seen them all.'),
    );
    const conversation = newConversation();
    const run = await turn(api, conversation, 'Show me things', { registry, invoke: mcp.invoke });
    expect(run.result.outcome).toBe('complete');
    const sent = api.requests.at(-1)!;
    expect(sent.rejected).toBeUndefined();
    const [image, links, resource] = sent.body.messages.at(-1).content as { content: { type: string; text?: string }[] }[];
    expect(image!.content.some((b) => b.type === 'image')).toBe(true);
    expect(links!.content.some((b) => b.text?.startsWith('[Resource link:'))).toBe(true);
    expect(resource!.content.some((b) => b.text?.startsWith('[Resource '))).toBe(true);
  });

  it('gives an is_error result for a tool on a crashed server and the conversation goes on', async () => {
    await mcp.kill('spare');
    api.enqueue(reply.toolUse('spare__echo', { message: 'hi' }), reply.text('That server is down; carrying on.'));
    const conversation = newConversation();
    const run = await turn(api, conversation, 'Echo on spare', { registry, invoke: mcp.invoke });
    expect(run.result.outcome).toBe('complete');
    const result = api.requests.at(-1)!.body.messages.at(-1).content[0];
    expect(result).toMatchObject({ type: 'tool_result', is_error: true });
    expect(result.content[0].text).toMatch(/The tool "echo" on server "spare" failed/);
    expect(conversation.transcript.at(-1)).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'That server is down; carrying on.' }] });
  });

  it('leaves a valid transcript when the person stops during a tool call', async () => {
    const controller = new AbortController();
    api.enqueue(reply.toolUse('everything__trigger-long-running-operation', { duration: 20, steps: 20 }, { text: 'Starting.' }));
    const conversation = newConversation();
    const run = await turn(api, conversation, 'Start something long', { registry, invoke: mcp.invoke, signal: controller.signal }, (e) => {
      if (e.type === 'tool.updated' && e.call.status === 'running') controller.abort();
    });
    expect(run.result.outcome).toBe('cancelled');
    const last = conversation.transcript.at(-1)!;
    expect(last.role).toBe('user');
    expect(last.content).toEqual([
      expect.objectContaining({ type: 'tool_result', is_error: true, content: [{ type: 'text', text: 'The person stopped this tool call.' }] }),
    ]);
    const view = conversation.messages[1]!;
    expect(view.role === 'assistant' && view.blocks[1]).toMatchObject({ kind: 'tool', call: { status: 'cancelled' } });

    api.enqueue(reply.text('Stopped, as you asked.'));
    const next = await turn(api, conversation, 'OK, never mind', { registry, invoke: mcp.invoke });
    expect(next.result.outcome).toBe('complete');
    expect(api.requests.at(-1)!.rejected).toBeUndefined();
    // The bound-out tool_result message and the new text travel as one user message, results first.
    const sent = api.requests.at(-1)!.body.messages;
    expect(sent.at(-1).content.map((b: { type: string }) => b.type)).toEqual(['tool_result', 'text']);
  });
});
