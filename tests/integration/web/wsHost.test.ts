// The renderer's WebSocket client against the real web server and core: typed calls,
// structured errors as HostError, events, and reconnecting after the server comes back.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HostError } from '../../../app/api/errors.ts';
import type { ConnectionStatus, HostClient } from '../../../renderer/api/hostClientTypes.ts';
import { webSignIn } from '../../../renderer/api/webSignIn.ts';
import { connectWebSocketHost, type SocketLike } from '../../../renderer/api/wsHost.ts';
import { startHarness, type Harness } from './webHarness.ts';

let h: Harness | undefined;
let client: HostClient | undefined;
afterEach(async () => {
  client?.close();
  await h?.stop();
});

/** The page's own sign-in, over an in-memory sessionStorage and a URL that carries a fresh ticket. */
function tabAuth(harness: Harness, store = new Map<string, string>()) {
  const place = {
    location: { hash: `#token=${harness.access.mintTicket().token}`, pathname: '/', search: '' },
    history: { state: null, replaceState: () => undefined },
    storage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    },
  };
  return webSignIn(place);
}

function socketTo(harness: Harness) {
  return (url: string) => new WebSocket(url, { headers: { Origin: harness.server.origin } }) as unknown as SocketLike;
}

function connect(harness: Harness, backoff = { initialMs: 20, maxMs: 200 }) {
  return connectWebSocketHost({ url: `ws://127.0.0.1:${harness.server.port}/ws`, auth: tabAuth(harness), createSocket: socketTo(harness), backoff });
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
      auth: tabAuth(h),
      createSocket: socketTo(h),
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
    const error = await inFlight.then(
      () => undefined,
      (e: unknown) => e,
    );
    // The list may have been answered before the drop; if not, it failed readably.
    if (error) expect((error as HostError).code).toBe('unavailable');
    await reopened;
    expect(statuses).toContain('closed');

    await client['conversations.create']({ title: 'After' });
    await expect.poll(() => events.length).toBe(1);
  });

  it("ends in signed-out with the server's words when the sign-in is refused, and stops retrying", async () => {
    h = await startHarness();
    const store = new Map([['switchboard.session', 'stale']]);
    const place = {
      location: { hash: '', pathname: '/', search: '' },
      history: { state: null, replaceState: () => undefined },
      storage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
        removeItem: (k: string) => void store.delete(k),
      },
    };
    client = await connectWebSocketHost({
      url: `ws://127.0.0.1:${h.server.port}/ws`,
      auth: webSignIn(place),
      createSocket: socketTo(h),
      backoff: { initialMs: 10, maxMs: 20 },
    });
    const status = client.status();
    expect(status.kind).toBe('signed-out');
    expect(status.kind === 'signed-out' && status.reason).toMatch(/terminal/);
    expect(store.has('switchboard.session')).toBe(false);
    const error = await client['servers.list']({}).catch((e: unknown) => e);
    expect((error as HostError).message).toMatch(/terminal/);
  });

  it('keeps the session in sessionStorage so a reload signs in without the spent link', async () => {
    h = await startHarness();
    const store = new Map<string, string>();
    client = await connectWebSocketHost({ url: `ws://127.0.0.1:${h.server.port}/ws`, auth: tabAuth(h, store), createSocket: socketTo(h) });
    client.close();
    const session = store.get('switchboard.session');
    expect(session).toBeTruthy();
    const reloaded = webSignIn({
      location: { hash: '', pathname: '/', search: '' },
      history: { state: null, replaceState: () => undefined },
      storage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
        removeItem: (k: string) => void store.delete(k),
      },
    });
    client = await connectWebSocketHost({ url: `ws://127.0.0.1:${h.server.port}/ws`, auth: reloaded, createSocket: socketTo(h) });
    expect(client.status().kind).toBe('open');
    expect(await client['servers.list']({})).toEqual([]);
  });

  it('takes the link token out of the address bar before connecting', () => {
    const replaced: string[] = [];
    const place = {
      location: { hash: '#token=abc', pathname: '/', search: '?x=1' },
      history: { state: null, replaceState: (_d: unknown, _u: string, url?: string) => void replaced.push(url ?? '') },
      storage: { getItem: () => null, setItem: () => undefined, removeItem: () => undefined },
    };
    expect(webSignIn(place).hello()).toEqual({ token: 'abc' });
    expect(replaced).toEqual(['/?x=1']);
  });
});
