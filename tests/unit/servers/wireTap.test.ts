// The wire tap records one call's own JSON-RPC messages: its request and response, its progress, the
// server's log messages while it ran; never another call's messages.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { tapWire } from '../../../app/servers/wireTap.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function connected() {
  const server = new McpServer({ name: 'tap-test', version: '1.0.0' }, { capabilities: { logging: {} } });
  server.registerTool('slow', { inputSchema: { label: z.string() } }, async ({ label }, extra) => {
    const token = extra._meta?.progressToken;
    if (token !== undefined) await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: 1, total: 2 } });
    await server.server.sendLoggingMessage({ level: 'info', data: `working on ${label}` });
    return { content: [{ type: 'text', text: `done ${label} ${'x'.repeat(5_000)}` }] };
  });
  server.registerTool('other', {}, async () => ({ content: [{ type: 'text', text: 'other result' }] }));
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(clientSide);
  closers.push(async () => {
    await client.close();
    await server.close();
  });
  return { client, tap: tapWire(clientSide, () => 1_000) };
}

describe('the wire tap', () => {
  it("records a call's request, progress, log message and response, shortening long strings", async () => {
    const { client, tap } = await connected();
    const capture = tap.capture('slow');
    const other = tap.capture('other');
    await Promise.all([
      client.callTool({ name: 'slow', arguments: { label: 'A' } }, undefined, { onprogress: () => {} }),
      client.callTool({ name: 'other', arguments: {} }),
    ]);
    const messages = capture.stop();
    expect(messages.map((m) => `${m.direction} ${m.label}`)).toEqual([
      'sent tools/call',
      'received notifications/progress',
      'received notifications/message',
      'received response',
    ]);
    expect(JSON.parse(messages[0]!.json)).toMatchObject({ jsonrpc: '2.0', method: 'tools/call', params: { name: 'slow', arguments: { label: 'A' } } });
    expect(messages[3]!.json).toContain('(3007 more characters)');
    expect(messages[3]!.json).not.toContain('other result');
    const otherMessages = other.stop();
    expect(otherMessages[0]!.json).toContain('"name": "other"');
    expect(otherMessages.map((m) => m.json).join('')).not.toContain('done A');
  });

  it('keeps parallel calls of one tool apart by their progress tokens, whatever order they are sent in', async () => {
    const { client, tap } = await connected();
    const second = tap.capture('slow', 'token-B');
    const first = tap.capture('slow', 'token-A');
    // B is sent first: a capture by tool name alone would give B's messages to whichever capture came first.
    await Promise.all([
      client.callTool({ name: 'slow', arguments: { label: 'B' }, _meta: { progressToken: 'token-B' } }),
      client.callTool({ name: 'slow', arguments: { label: 'A' }, _meta: { progressToken: 'token-A' } }),
    ]);
    const a = first
      .stop()
      .map((m) => m.json)
      .join('\n');
    const b = second
      .stop()
      .map((m) => m.json)
      .join('\n');
    expect(a).toContain('"label": "A"');
    expect(a).toContain('"progressToken": "token-A"');
    expect(a).not.toContain('token-B');
    expect(b).toContain('"label": "B"');
    expect(b).not.toContain('token-A');
  });
});
