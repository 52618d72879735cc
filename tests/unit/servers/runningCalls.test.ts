// The clocks, progress and Stop of running tool calls, kept by the host instead of the SDK: on a real SDK
// client and server (in memory) and a clock the test moves by hand.
import { Client, InMemoryTransport, SdkError, SdkErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/client';
import { McpServer } from '@modelcontextprotocol/server';
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { CallStop, requestSignal } from '../../../app/base/callStop.ts';
import type { Clock } from '../../../app/base/clock.ts';
import { RunningCalls, type CallClocks } from '../../../app/servers/runningCalls.ts';
import { HOLD_POLL_MS, SDK_TIMEOUT_MS } from '../../../app/base/timeouts.ts';
import { eventually } from '../../support/eventually.ts';

/** A clock whose time moves only when the test says, running every timer that falls due. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const t = { at: now + ms, fn };
      timers.push(t);
      return { cancel: () => (timers = timers.filter((x) => x !== t)) };
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = end;
    },
  };
}

interface Rig {
  client: Client;
  calls: RunningCalls;
  clock: ReturnType<typeof manualClock>;
  sent: JSONRPCMessage[];
  /** Lets the `wait` tool send one progress notification, or finish. */
  server: { progress(): Promise<void>; finish(): void; started: number; cancelled: number };
  errors: Error[];
  paused: { value: boolean };
}

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function rig(): Promise<Rig> {
  const mcp = new McpServer({ name: 'clocks', version: '1.0.0' });
  const server: Rig['server'] = { progress: async () => {}, finish: () => {}, started: 0, cancelled: 0 };
  mcp.registerTool('wait', { description: 'waits for the test' }, (ctx) => {
    server.started++;
    let step = 0;
    server.progress = () =>
      ctx.mcpReq.notify({
        method: 'notifications/progress',
        params: { progressToken: ctx.mcpReq._meta!.progressToken!, progress: ++step, total: 10, message: `step ${step}` },
      });
    ctx.mcpReq.signal.addEventListener('abort', () => server.cancelled++);
    return new Promise((resolve) => {
      server.finish = () => resolve({ content: [{ type: 'text', text: 'finished' }] });
    });
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const sent: JSONRPCMessage[] = [];
  const send = clientSide.send.bind(clientSide);
  clientSide.send = (m, o) => (sent.push(m), send(m, o));
  await mcp.connect(serverSide);
  const client = new Client({ name: 'clocks-test', version: '1.0.0' });
  await client.connect(clientSide);
  clients.push(client);
  const errors: Error[] = [];
  client.onerror = (e) => errors.push(e);
  const clock = manualClock();
  const paused = { value: false };
  return { client, calls: new RunningCalls(client, clock, () => paused.value), clock, sent, server, errors, paused };
}

/** Runs the `wait` tool the way ServerConnection does. */
function call(r: Rig, clocks: CallClocks) {
  const running = r.calls.begin(clocks);
  const result = r.client
    .callTool(
      { name: 'wait', arguments: {}, _meta: { progressToken: running.progressToken } },
      {
        timeout: SDK_TIMEOUT_MS,
        signal: requestSignal(running),
      },
    )
    .finally(() => r.calls.end(running));
  // Settled or not, the test reads it later; no unhandled rejection meanwhile.
  result.catch(() => {});
  return result;
}

const cancelledIds = (sent: JSONRPCMessage[]) => sent.filter((m) => 'method' in m && m.method === 'notifications/cancelled').length;

describe('RunningCalls', () => {
  it('times a call out when it is idle for its timeout, and tells the server', async () => {
    const r = await rig();
    // Not a multiple of the 250 ms look: the call's own deadline decides, not the next regular look.
    const result = call(r, { timeoutMs: 1_100 });
    await eventually(() => r.server.started === 1, 'the call to reach the server');
    r.clock.advance(1_099);
    expect(cancelledIds(r.sent)).toBe(0);
    r.clock.advance(1);
    await expect(result).rejects.toMatchObject({ code: SdkErrorCode.RequestTimeout, message: expect.stringContaining('Request timed out') });
    await eventually(() => r.server.cancelled === 1, 'the server to be told');
    expect(cancelledIds(r.sent)).toBe(1);
  });

  it('restarts the idle clock on each progress, passes the progress on, and still stops at the maximum total', async () => {
    const r = await rig();
    const seen: string[] = [];
    const result = call(r, { timeoutMs: 1_000, maxTotalTimeoutMs: 2_500, onProgress: (p) => seen.push(`${p.progress}/${p.total} ${p.message}`) });
    await eventually(() => r.server.started === 1, 'the call to reach the server');
    for (let i = 0; i < 2; i++) {
      r.clock.advance(900);
      await r.server.progress();
      await eventually(() => seen.length === i + 1, 'the progress to arrive');
    }
    // 1,800 ms in, idle for 0: a bare 1 s timeout would have fired long ago.
    r.clock.advance(600);
    expect(cancelledIds(r.sent)).toBe(0);
    await r.server.progress();
    await eventually(() => seen.length === 3, 'the third progress');
    r.clock.advance(HOLD_POLL_MS + 200);
    await expect(result).rejects.toThrow(/Maximum total timeout exceeded/);
    expect(seen).toEqual(['1/10 step 1', '2/10 step 2', '3/10 step 3']);
  });

  it('holds both clocks while the server waits on the person', async () => {
    const r = await rig();
    const result = call(r, { timeoutMs: 1_000, maxTotalTimeoutMs: 1_500 });
    await eventually(() => r.server.started === 1, 'the call to reach the server');
    r.paused.value = true;
    r.clock.advance(60_000);
    r.paused.value = false;
    r.server.finish();
    await expect(result).resolves.toMatchObject({ content: [{ type: 'text', text: 'finished' }] });
    expect(cancelledIds(r.sent)).toBe(0);
  });

  it("stops with the caller's Stop, and a finished call no longer listens to it", async () => {
    const r = await rig();
    const stop = new CallStop();
    const result = call(r, { timeoutMs: 60_000, signal: stop });
    await eventually(() => r.server.started === 1, 'the call to reach the server');
    stop.stop(new Error('The person pressed Stop.'));
    await expect(result).rejects.toThrow(/The person pressed Stop/);
    await eventually(() => r.server.cancelled === 1, 'the server to be told');

    // A real AbortSignal shows its listeners: a finished call leaves none behind.
    const later = new AbortController();
    const done = call(r, { timeoutMs: 60_000, signal: later.signal });
    await eventually(() => r.server.started === 2, 'the second call to reach the server');
    expect(getEventListeners(later.signal, 'abort')).toHaveLength(1);
    r.server.finish();
    await done;
    expect(getEventListeners(later.signal, 'abort')).toHaveLength(0);
    later.abort();
    expect(cancelledIds(r.sent)).toBe(1);
  });

  it('ends every running call at once when the client goes away', async () => {
    const r = await rig();
    const result = call(r, { timeoutMs: 60_000 });
    await eventually(() => r.server.started === 1, 'the call to reach the server');
    r.calls.dispose();
    await expect(result).rejects.toMatchObject({ code: SdkErrorCode.ConnectionClosed });
  });

  it('takes a token sent back as a number for the same call', async () => {
    const r = await rig();
    const seen: number[] = [];
    const running = r.calls.begin({ timeoutMs: 60_000, onProgress: (p) => seen.push(p.progress) });
    const result = r.client
      .callTool(
        { name: 'wait', arguments: {}, _meta: { progressToken: Number(running.progressToken) } },
        {
          timeout: SDK_TIMEOUT_MS,
          signal: requestSignal(running),
        },
      )
      .finally(() => r.calls.end(running));
    await eventually(() => r.server.started === 1, 'the call to reach the server');
    await r.server.progress();
    await eventually(() => seen.length === 1, 'the progress to arrive');
    expect(r.errors).toEqual([]);
    r.server.finish();
    await result;
  });

  it('reports progress for no running call, as the SDK would, without failing anything', async () => {
    const r = await rig();
    const result = call(r, { timeoutMs: 60_000 });
    await eventually(() => r.server.started === 1, 'the call to reach the server');
    r.server.finish();
    await result;
    await r.server.progress();
    await eventually(() => r.errors.length === 1, 'the stray progress to be reported');
    expect(r.errors[0]!.message).toMatch(/unknown token/);
  });

  it('uses a timeout error the SDK would use, so callers tell a timeout from a Stop', () => {
    const clock = manualClock();
    const r = { client: new Client({ name: 'x', version: '1' }) };
    const calls = new RunningCalls(r.client, clock, () => false);
    const running = calls.begin({ timeoutMs: 10 });
    clock.advance(10);
    expect(running.aborted).toBe(true);
    expect(running.reason).toBeInstanceOf(SdkError);
    expect((running.reason as SdkError).code).toBe(SdkErrorCode.RequestTimeout);
    calls.dispose();
  });
});
