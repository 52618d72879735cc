// Signing in to web mode without cookies: the printed token and each one-time link work once, a
// session credential travels only in the socket's first frame (never in a URL), and a reload
// (a new socket with the same session) keeps working.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebAccess } from '../../../main/web/webAccess.ts';
import { goodHeaders, openSocket, request, sayHello, signedInSocket, startHarness, type Harness } from './webHarness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

async function hello(frame: unknown) {
  const { ws } = await openSocket(h, goodHeaders(h));
  const answer = await sayHello(ws!, frame);
  return { ws: ws!, answer };
}

describe('web sign-in', () => {
  it('carries the launch token in the URL fragment, which browsers never send to a server', () => {
    const url = new URL(h.server.url);
    expect(url.search).toBe('');
    expect(url.hash).toBe(`#token=${h.token}`);
  });

  it('trades the printed token for a session once; the same token replayed gets nothing', async () => {
    const first = await hello({ hello: { token: h.token } });
    const session = first.answer.frame?.welcome?.session;
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session).not.toBe(h.token);
    expect(await request(first.ws, { id: 1, method: 'servers.list', params: {} })).toEqual({ id: 1, result: [] });
    first.ws.close();

    const replay = await hello({ hello: { token: h.token } });
    expect(replay.answer.closed).toBe(4401);
    expect(replay.answer.frame?.refused?.message).toMatch(/already used/);
    expect(h.calls).toEqual(['servers.list']);
  });

  it('signs a reloaded page in again with its session, on as many sockets as it opens', async () => {
    const { ws, session } = await signedInSocket(h);
    ws.close();
    for (let i = 0; i < 3; i++) {
      const again = await hello({ hello: { session } });
      expect(again.answer.frame?.welcome?.session).toBe(session);
      expect(await request(again.ws, { id: i, method: 'host.info', params: {} })).toMatchObject({ result: { mode: 'test' } });
      again.ws.close();
    }
  });

  it('answers a request sent right behind the hello, in the same packet', async () => {
    const { ws } = await openSocket(h, goodHeaders(h));
    const reply = new Promise<Record<string, unknown>>((resolve) =>
      ws!.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as Record<string, unknown>;
        if (frame.id === 5) resolve(frame);
      }),
    );
    ws!.send(JSON.stringify({ hello: { token: h.access.mintTicket().token } }));
    ws!.send(JSON.stringify({ id: 5, method: 'servers.list', params: {} }));
    expect(await reply).toEqual({ id: 5, result: [] });
    ws!.close();
  });

  it('never accepts a credential in a URL: /ws with a query is refused, and a page URL signs nothing in', async () => {
    const { ws, session } = await signedInSocket(h);
    ws.close();
    const ticket = h.access.mintTicket().token;
    for (const query of [`session=${session}`, `token=${ticket}`, `token=${h.token}`]) {
      const result = await openSocket(h, goodHeaders(h), `ws://127.0.0.1:${h.server.port}/ws?${query}`);
      expect(result.status, query).toBe(400);
      const page = await fetch(`${h.server.origin}/?${query}`);
      expect(page.headers.get('set-cookie')).toBeNull();
      const bare = await hello({ hello: { none: true } });
      expect(bare.answer.closed).toBe(4401);
    }
    // The refused URL did not spend the ticket: it still works once, in a first frame.
    expect((await hello({ hello: { token: ticket } })).answer.frame?.welcome).toBeDefined();
  });

  it('mints a one-time link through host.newSignInLink that signs in one socket, once', async () => {
    const { ws } = await signedInSocket(h);
    const reply = await request(ws, { id: 1, method: 'host.newSignInLink', params: {} });
    const link = reply.result as { url: string; expiresAt: number };
    expect(link.url.startsWith(`${h.server.origin}/#token=`)).toBe(true);
    expect(link.expiresAt).toBeGreaterThan(Date.now());
    const token = new URL(link.url).hash.slice('#token='.length);
    expect((await hello({ hello: { token } })).answer.frame?.welcome).toBeDefined();
    expect((await hello({ hello: { token } })).answer.closed).toBe(4401);
    ws.close();
  });
});

describe('WebAccess', () => {
  it('refuses a one-time link after it expires', () => {
    let now = 1_000;
    const access = new WebAccess({ now: () => now, ticketTtlMs: 60_000 });
    const { token } = access.mintTicket();
    now += 60_001;
    expect(access.redeem({ token })).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/expired/) });
  });

  it('keeps a bounded number of sessions and outstanding links, dropping the oldest', () => {
    const access = new WebAccess({ maxSessions: 2, maxTickets: 2 });
    const tickets = [access.mintTicket(), access.mintTicket(), access.mintTicket()];
    expect(access.redeem({ token: tickets[0]!.token }).kind).toBe('refused');
    const sessions = [access.launchToken, tickets[1]!.token, tickets[2]!.token].map((token) => access.redeem({ token }));
    const [oldest, , newest] = sessions.map((s) => (s.kind === 'welcome' ? s.session : ''));
    expect(access.redeem({ session: oldest! }).kind).toBe('refused');
    expect(access.redeem({ session: newest! }).kind).toBe('welcome');
  });
});
