// The renderer's WebSocket client against the real web server and core: typed calls,
// structured errors as HostError, events, and reconnecting after the server comes back.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HostError } from '../../app/api/errors.ts';
import type { ConnectionStatus, HostClient } from '../../renderer/api/hostClientTypes.ts';
import { connectWebSocketHost, type SocketLike } from '../../renderer/api/wsHost.ts';
import { startHarness, type Harness } from './webHarness.ts';

let h: Harness | undefined;
let client: HostClient | undefined;
afterEach(async () => {
  client?.close();
  await h?.stop();
});

function connect(harness: Harness, backoff = { initialMs: 20, maxMs: 200 }) {
  return connectWebSocketHost({
    url: `ws://127.0.0.1:${harness.server.port}/ws`,
    createSocket: (url) => new WebSocket(url, { headers: { Origin: harness.server.origin, Cookie: harness.cookie } }) as unknown as SocketLike,
    backoff,
  });
}

describe('renderer WebSocket client', () => {
  it('calls methods, throws HostError with issues, and delivers events', async () => {
    h = await startHarness();
    client = await connect(h);
    expect(client.status()).toEqual({ kind: 'open', reconnects: 0 });
    expect(await client['servers.list']({})).toEqual([]);

    const error = await client['conversations.rename']({ id: 'x', title: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe('invalid-params');
    expect((error as HostError).issues?.[0]?.path).toBe('title');

    const seen = new Promise<unknown>((resolve) => client!.on('conversations.changed', resolve));
    await client['conversations.create']({ title: 'Hi' });
    expect(await seen).toMatchObject({ conversations: [{ title: 'Hi' }] });
  });

  it('refuses a request over the size limit before sending it', async () => {
    h = await startHarness();
    client = await connectWebSocketHost({
      url: `ws://127.0.0.1:${h.server.port}/ws`,
      createSocket: (url) => new WebSocket(url, { headers: { Origin: h!.server.origin, Cookie: h!.cookie } }) as unknown as SocketLike,
      maxFrameBytes: 1024,
    });
    const error = await client['servers.import']({ json: 'x'.repeat(4096) }).catch((e: unknown) => e);
    expect((error as HostError).code).toBe('too-large');
    expect(h.calls).toEqual([]);
  });

  it('rejects calls in flight with "unavailable" when the link drops, then reconnects with listeners intact', async () => {
    h = await startHarness();
    client = await connect(h);
    const statuses: ConnectionStatus['kind'][] = [];
    client.onStatus((s) => statuses.push(s.kind));
    const events: unknown[] = [];
    client.on('conversations.changed', (p) => events.push(p));

    // Drop every socket from the server side (as a crash or sleep would).
    const reopened = new Promise<void>((resolve) => client!.onStatus((s) => s.kind === 'open' && s.reconnects === 1 && resolve()));
    const inFlight = client['servers.list']({});
    h.server.disconnectClients();
    const error = await inFlight.then(() => undefined, (e: unknown) => e);
    // The list may have been answered before the drop; if not, it failed readably.
    if (error) expect((error as HostError).code).toBe('unavailable');
    await reopened;
    expect(statuses).toContain('closed');

    await client['conversations.create']({ title: 'After' });
    await expect.poll(() => events.length).toBe(1);
  });
});
