// Issue 10, part 1 in Chromium: what keeps a web-mode tab signed in is readable only by its own
// origin. A listener on another loopback port records everything the same browser sends it and
// everything a page on its origin can read; replaying each recorded thing against the WebSocket
// gets no session. The printed link works once, a reload stays signed in, and a second tab is a
// deliberate act from Settings. Screenshots go to test-artifacts/e2e/20-web-auth*/.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useStacks } from './suite.ts';

const { open } = useStacks();

interface Recorded {
  url: string;
  headers: Record<string, string>;
}

async function startRecorder(): Promise<{ url: string; seen: Recorded[]; close(): Promise<void> }> {
  const seen: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value ?? '');
    seen.push({ url: req.url ?? '', headers });
    if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><title>neighbour</title><img src="/pixel.png"><script>document.title = 'loaded'</script>`);
    } else res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Opens the app's WebSocket as an attacker would (any headers, the app's own Origin), tries a sign-in, then a method. */
function tryToTakeOver(origin: string, headers: Record<string, string>, hello: unknown): Promise<'took over' | 'refused'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws`, { headers: { ...headers, Origin: origin } });
    const done = (outcome: 'took over' | 'refused') => {
      ws.terminate();
      resolve(outcome);
    };
    ws.on('open', () => {
      ws.send(JSON.stringify(hello));
      ws.send(JSON.stringify({ id: 'probe', method: 'servers.list', params: {} }));
    });
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { id?: unknown; result?: unknown };
      if (frame.id === 'probe') done('result' in frame ? 'took over' : 'refused');
    });
    ws.on('unexpected-response', () => done('refused'));
    ws.on('close', () => done('refused'));
    ws.on('error', () => done('refused'));
  });
}

/** Every cookie pair, header value and URL part as a separate candidate credential. */
function candidates(recorded: Recorded[], readable: string[]): string[] {
  const out = new Set<string>(readable.filter(Boolean));
  for (const r of recorded) {
    const url = new URL(r.url, 'http://x');
    for (const [, v] of url.searchParams) out.add(v);
    out.add(url.pathname.slice(1));
    for (const value of Object.values(r.headers)) {
      out.add(value);
      for (const part of value.split(/[;,\s]+/)) {
        out.add(part);
        const eq = part.indexOf('=');
        if (eq > 0) out.add(decodeURIComponent(part.slice(eq + 1)));
      }
    }
  }
  return [...out].filter((v) => v.length > 0 && v.length <= 1024);
}

describe('web-mode sign-in in Chromium', () => {
  it('gives another loopback port nothing that opens a session', async () => {
    const recorder = await startRecorder();
    try {
      const s = await open('20-web-auth-neighbour');
      const { page } = s;
      const appOrigin = new URL(s.web.url).origin;
      expect(page.url()).toBe(`${appOrigin}/`);
      expect(await page.context().cookies()).toEqual([]);
      await s.shot('signed-in');

      // The same browser visits a neighbour on another port (a favicon or an <img> would do as well).
      const neighbour = await page.context().newPage();
      await neighbour.goto(recorder.url);
      await expect.poll(() => neighbour.title()).toBe('loaded');
      await expect.poll(() => recorder.seen.some((r) => r.url === '/pixel.png')).toBe(true);
      const readable = await neighbour.evaluate(() => [document.cookie, JSON.stringify({ ...sessionStorage }), JSON.stringify({ ...localStorage })]);
      expect(readable).toEqual(['', '{}', '{}']);
      await neighbour.close();

      const tries = candidates(recorder.seen, readable);
      expect(tries.length).toBeGreaterThan(5);
      for (const r of recorder.seen) {
        // Replay the browser's exact request headers (cookies included) with an empty sign-in…
        const { host: _host, ...headers } = r.headers;
        expect(await tryToTakeOver(appOrigin, headers, { hello: { none: true } }), `headers of ${r.url}`).toBe('refused');
      }
      for (const value of tries) {
        // …and every recorded value as a token and as a session.
        expect(await tryToTakeOver(appOrigin, { Cookie: value }, { hello: { token: value } }), value).toBe('refused');
        expect(await tryToTakeOver(appOrigin, {}, { hello: { session: value } }), value).toBe('refused');
      }

      // The tab itself is still signed in and working.
      await page.getByRole('button', { name: 'New conversation' }).click();
      await page.getByRole('textbox', { name: 'Message to Claude' }).fill('still here?');
      await page.keyboard.press('Enter');
      await expect.poll(() => s.web.host.call('conversations.list', {}).then((l) => l.length)).toBe(1);
    } finally {
      await recorder.close();
    }
  });

  it('stays signed in across a reload; the printed link does not work a second time', async () => {
    const s = await open('21-web-auth-once');
    await s.reload();
    await s.page.getByRole('button', { name: 'New conversation' }).waitFor();
    await s.shot('reloaded');

    const other = await s.page
      .context()
      .browser()!
      .newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const second = await other.newPage();
      await second.goto(s.web.url);
      await second.getByRole('heading', { name: 'This tab is not signed in to Switchboard' }).waitFor();
      expect(await second.locator('.boot-failure').textContent()).toMatch(/already used/);
      expect(second.url()).not.toContain('token');
      await second.screenshot({ path: s.shotPath('link-used-twice') });
    } finally {
      await other.close();
    }
  });

  it('opens another signed-in tab from Settings with a one-time link', async () => {
    const s = await open('22-web-auth-second-tab');
    const { page } = s;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const card = page.getByRole('region', { name: 'Web access' });
    await card.scrollIntoViewIfNeeded();
    await s.shot('settings-web-access');
    const opened = page.context().waitForEvent('page');
    await card.getByRole('button', { name: 'Open in another tab' }).click();
    const tab = await opened;
    await tab.getByRole('button', { name: 'New conversation' }).waitFor();
    expect(tab.url()).not.toContain('token');
    await s.shot('opened-another-tab');

    await card.getByRole('button', { name: 'Copy a one-time link' }).click();
    const link = await card.getByLabel('One-time sign-in link').inputValue();
    expect(link).toMatch(/#token=/);
    await s.shot('copied-link');
    await tab.close();
  });
});
