// A burst of calls to one real server leaves in slices, one per turn of the event loop (app/servers/sendPacer.ts):
// the host's event loop stays free between slices, every call is answered, and Stop reaches a call that is
// still waiting for its turn, which then never reaches the server.
import { afterEach, expect, it } from 'vitest';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { CallStop } from '../../../app/base/callStop.ts';
import { SENDS_PER_TURN } from '../../../app/servers/sendPacer.ts';
import { ServerConnection } from '../../../app/servers/serverConnection.ts';
import { fastOptions, fixture, textOf } from './helpers.ts';

let conn: ServerConnection | undefined;
afterEach(async () => {
  await conn?.stop();
  conn = undefined;
});

/** Starts the fixture server and counts the tools/call requests that leave for it, by the `text` they carry. */
async function started(): Promise<{ conn: ServerConnection; sent: string[] }> {
  conn = new ServerConnection(fixture('burst', 'colliding-tools.mjs'), fastOptions);
  await conn.start();
  const transport = conn.client()!.transport!;
  const send = transport.send.bind(transport);
  const sent: string[] = [];
  transport.send = (message: JSONRPCMessage, options) => {
    if ('method' in message && message.method === 'tools/call') sent.push(String((message.params?.arguments as { text?: unknown })?.text));
    return send(message, options);
  };
  return { conn, sent };
}

it('lets the event loop turn between slices of a burst, and answers every call', async () => {
  const { conn, sent } = await started();
  const total = SENDS_PER_TURN * 5;
  const calls = Array.from({ length: total }, (_, i) => conn.callTool('echo', { text: `${i}` }, { timeoutMs: 30_000 }));
  // Queued behind the first slice: without pacing every request would have left before this runs.
  const sentByFirstTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(sent.length)));
  expect(sentByFirstTurn).toBeGreaterThan(0);
  expect(sentByFirstTurn).toBeLessThan(total);
  const results = await Promise.all(calls);
  expect(results.map(textOf)).toEqual(Array.from({ length: total }, (_, i) => `echo: {"text":"${i}"}`));
  expect(sent).toEqual(Array.from({ length: total }, (_, i) => `${i}`));
});

it('never sends a call stopped while it waited for its turn', async () => {
  const { conn, sent } = await started();
  const total = SENDS_PER_TURN * 3;
  const last = new CallStop();
  const calls = Array.from({ length: total }, (_, i) =>
    conn.callTool('echo', { text: `${i}` }, { timeoutMs: 30_000, ...(i === total - 1 ? { signal: last } : {}) }),
  );
  // Stopped after the first turn, when it would long have left unpaced.
  await new Promise<void>((resolve) => setImmediate(resolve));
  last.stop();
  const settled = await Promise.allSettled(calls);
  expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(total - 1);
  expect(settled.at(-1)?.status).toBe('rejected');
  expect(sent).toHaveLength(total - 1);
  expect(sent).not.toContain(`${total - 1}`);
});
