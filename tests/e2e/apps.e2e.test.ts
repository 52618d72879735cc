// MCP Apps end to end: real app servers (basic-react on ext-apps 1.x and 2.x, and a hostile probe
// fixture), web mode, the fake Anthropic API and Chromium. The app renders in its tool card inside the
// sandbox proxy; its calls, messages and context reach the host; its attacks on the host fail.
import dgram from 'node:dgram';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fixturesDir, nodeBin, repoRoot } from '../support/paths.ts';
import type { Stack } from './stack.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();

const basicReact1 = path.join(repoRoot, 'node_modules', '@modelcontextprotocol', 'server-basic-react', 'dist', 'index.js');
const basicReact2 = path.join(repoRoot, 'node_modules', 'server-basic-react-v2', 'dist', 'index.js');
const mapServer = path.join(repoRoot, 'node_modules', '@modelcontextprotocol', 'server-map', 'dist', 'index.js');
const probe = path.join(fixturesDir, 'app-probe.mjs');

async function addServer(s: Stack, name: string, args: string[], extra: { protocol?: 'auto' } = {}): Promise<void> {
  await s.web.host.call('servers.upsert', { name, entry: { transport: 'stdio', command: nodeBin, args, ...extra } });
}

async function waitReady(page: Page, count: number): Promise<void> {
  await expect.poll(() => page.locator('.health').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`${count}/${count} ready`));
}

/** Sends a message; presses Enter again while the previous turn is still closing and the draft stays. */
async function ask(page: Page, text: string): Promise<void> {
  const composer = page.getByLabel('Message to Claude');
  await composer.fill(text);
  await expect
    .poll(
      async () => {
        if ((await composer.inputValue()) !== '') await composer.press('Enter');
        return composer.inputValue();
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBe('');
}

async function allow(page: Page, who: string): Promise<void> {
  const button = page.getByRole('button', { name: `Allow ${who} once` });
  await button.waitFor({ timeout: 30_000 });
  await button.click();
}

/** The app's own document: the srcdoc frame inside the sandbox proxy inside the tool card. */
async function appFrame(page: Page, marker: string): Promise<Frame> {
  let found: Frame | undefined;
  await expect
    .poll(
      async () => {
        const frames = page.frames().filter((f) => f.url() === 'about:srcdoc');
        const matching: Frame[] = [];
        for (const f of frames)
          if (
            (await f
              .locator(marker)
              .count()
              .catch(() => 0)) > 0
          )
            matching.push(f);
        found = matching[0];
        return found !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found!;
}

/** The app document inside one tool card: card → sandbox-proxy frame → the app's srcdoc frame. */
async function appIn(card: Locator, marker: string): Promise<Frame> {
  let found: Frame | undefined;
  await expect
    .poll(
      async () => {
        const proxy = await (
          await card
            .locator('.app-iframe')
            .elementHandle({ timeout: 1000 })
            .catch(() => null)
        )?.contentFrame();
        const inner = proxy?.childFrames()[0];
        found =
          inner &&
          (await inner
            .locator(marker)
            .count()
            .catch(() => 0)) > 0
            ? inner
            : undefined;
        return found !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found!;
}

const text = (frame: Frame, selector: string) => frame.locator(selector).textContent();

describe('MCP Apps in Chromium', () => {
  it('renders the probe app in its card, calls a tool back with approval, sends a message, follows the theme and re-renders after reload', async () => {
    const s = await open('apps-1-probe', { fake: { delayMs: 5 } });
    const { page } = s;
    await addServer(s, 'probe', [probe]);
    await waitReady(page, 1);
    await ask(page, 'Please use probe__probe {"ws": "ws://127.0.0.1:1/ws"}');
    await allow(page, 'probe / probe');
    const card = page.locator('.tool-card[data-status="done"]').first();
    await card.waitFor({ timeout: 30_000 });
    const app = await appFrame(page, '#theme');
    await expect.poll(() => text(app, '#theme'), { timeout: 20_000 }).toBe('light');
    await expect.poll(() => text(app, '#input')).toContain('ws://127.0.0.1:1/ws');
    await expect.poll(() => text(app, '#result'), { timeout: 20_000 }).toContain('"probed":true');
    expect(await text(app, '#mode')).toBe('inline');
    await expect.poll(() => card.locator('.app-frame').getAttribute('data-app-state')).toBe('ready');
    // The app is sized to its content, up to the maximum.
    const height = await card.locator('.app-iframe').evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeGreaterThan(150);
    expect(height).toBeLessThanOrEqual(640);
    await s.shot('app-rendered');

    // A tool call from the app: shown under the card, asks the person, and its result reaches the app.
    await app.locator('#call').click();
    const nested = card.locator('.app-calls .tool-card');
    await nested.first().waitFor({ timeout: 20_000 });
    expect(await card.locator('.app-calls').textContent()).toContain('The app in this conversation wants to run');
    await s.shot('app-call-asks-approval');
    await allow(page, 'probe / add');
    await expect.poll(() => text(app, '#called'), { timeout: 20_000 }).toBe('{"sum":5}');
    await expect.poll(() => nested.first().getAttribute('data-status')).toBe('done');

    // resources/list (ext-apps' App.listServerResources) reaches the app's own server through the host.
    await app.locator('#list').click();
    await expect.poll(() => text(app, '#resources'), { timeout: 20_000 }).toBe('ui://probe/app.html text/html;profile=mcp-app');
    // The server says its resource list changed (its tool `bump`, called by the app): the app is told.
    expect(await text(app, '#listChanged')).toBe('0');
    await app.locator('#bump').click();
    await allow(page, 'probe / bump');
    await expect.poll(() => text(app, '#listChanged'), { timeout: 20_000 }).toBe('1');

    // The host's look reaches the app as style variables (its panel colour and font), with the theme.
    const panel = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--panel').trim());
    const appBackground = () => app.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(await text(app, '#bg')).toBe(await panel());
    expect(await appBackground()).toBe('rgb(255, 255, 255)');
    expect(await text(app, '#font')).toBe('system-ui');
    // The theme follows the system; the change reaches the app, with the dark tokens.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => text(app, '#theme'), { timeout: 20_000 }).toBe('dark');
    await expect.poll(appBackground).toBe('rgb(31, 31, 35)');
    expect(await text(app, '#bg')).toBe(await panel());
    await s.shot('app-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => text(app, '#theme'), { timeout: 20_000 }).toBe('light');
    await expect.poll(appBackground).toBe('rgb(255, 255, 255)');

    // Display modes: the app asks for full screen; the person returns with the bar's button.
    await app.locator('#full').click();
    await expect.poll(() => card.locator('.app-frame').getAttribute('class'), { timeout: 20_000 }).toContain('mode-fullscreen');
    await expect.poll(() => text(app, '#mode')).toBe('fullscreen');
    await s.shot('app-fullscreen');
    await card.getByRole('button', { name: 'Exit full screen' }).click();
    await expect.poll(() => text(app, '#mode'), { timeout: 20_000 }).toBe('inline');
    // The same app all along: full screen neither reloaded it nor lost what it showed.
    expect(await text(app, '#called')).toBe('{"sum":5}');

    // ui/message waits for the person: nothing is sent until they click, and "Don't send" refuses it.
    const asks = card.getByRole('group', { name: 'The app wants to send a message' });
    await app.locator('#say').click();
    await asks.waitFor({ timeout: 20_000 });
    expect(await asks.locator('.app-message-text').textContent()).toBe('Hello from the probe app');
    await asks.scrollIntoViewIfNeeded();
    await s.shot('app-message-asks');
    expect(await page.locator('.msg-user', { hasText: 'Hello from the probe app' }).count()).toBe(0);
    await asks.getByRole('button', { name: 'Don’t send' }).click();
    await expect.poll(() => text(app, '#message'), { timeout: 20_000 }).toBe('refused');
    expect(await page.locator('.msg-user', { hasText: 'Hello from the probe app' }).count()).toBe(0);
    // Sent: a visible message in the chat, marked as the app's, and Claude answers it.
    await app.locator('#say').click();
    await asks.getByRole('button', { name: 'Send to Claude' }).click();
    const sent = page.locator('.msg-user', { hasText: 'Hello from the probe app' });
    await sent.waitFor({ timeout: 20_000 });
    expect(await sent.locator('.prompt-marker').textContent()).toBe('from the app probe/probe');
    // Claude got it labelled as the app's words (the stand-in model echoes what it received).
    const echoed = page.locator('.msg-assistant', { hasText: 'Hello from the probe app' });
    await echoed.waitFor({ timeout: 20_000 });
    expect(await echoed.textContent()).toContain('the app wrote it, not the person');
    expect(await text(app, '#message')).toBe('sent');
    await s.shot('app-message-in-chat');

    // ui/download-file waits for the person too: "Don't save" refuses it, Save hands the file to the browser.
    const saves = card.getByRole('group', { name: 'The app wants to save files' });
    await app.locator('#save').click();
    await saves.waitFor({ timeout: 20_000 });
    expect(await saves.textContent()).toContain('report.csv · text/csv · 20 bytes');
    await saves.scrollIntoViewIfNeeded();
    await s.shot('app-download-asks');
    await saves.getByRole('button', { name: 'Don’t save' }).click();
    await expect.poll(() => text(app, '#download'), { timeout: 20_000 }).toBe('refused');
    await app.locator('#save').click();
    const downloaded = page.waitForEvent('download');
    await saves.getByRole('button', { name: 'Save', exact: true }).click();
    const file = await downloaded;
    expect(file.suggestedFilename()).toBe('report.csv');
    expect(await readFile((await file.path())!, 'utf8')).toBe('city,celsius\nOslo,4\n');
    await expect.poll(() => text(app, '#download'), { timeout: 20_000 }).toBe('saved');

    // After a reload the app renders again from the saved result.
    await s.reload();
    const again = await appFrame(page, '#result');
    await expect.poll(() => text(again, '#result'), { timeout: 30_000 }).toContain('"probed":true');
    // The app's own call is saved with the conversation, under its card.
    const saved = page.locator('.app-calls .tool-card').first();
    await saved.waitFor({ timeout: 20_000 });
    expect(await saved.getAttribute('data-status')).toBe('done');
    expect(await saved.locator('.tool-title').textContent()).toContain('add');
    await s.shot('app-after-reload');

    // The person's own theme in Settings wins over the system's, for the app as for the page around it.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('radiogroup', { name: 'Theme' }).getByText('Dark').click();
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    const chosen = await appFrame(page, '#bg');
    await expect.poll(() => text(chosen, '#theme'), { timeout: 20_000 }).toBe('dark');
    await expect.poll(() => chosen.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(31, 31, 35)');
    await s.shot('app-dark-by-choice');
  }, 240_000);

  it("keeps a hostile app away from the host's WebSocket, DOM, storage, top window and javascript: links", async () => {
    const s = await open('apps-2-attacks', { fake: { delayMs: 5 } });
    const { page } = s;
    await addServer(s, 'probe', [probe]);
    await waitReady(page, 1);
    const url = new URL(page.url());
    const ws = `ws://${url.host}/ws`;
    const home = `${url.origin}/`;
    await page.evaluate(() => localStorage.setItem('switchboard-secret', 'host-only'));
    const titleBefore = await page.title();
    await ask(page, `Please use probe__probe {"ws": "${ws}", "page": "${home}"}`);
    await allow(page, 'probe / probe');
    const app = await appFrame(page, '#attack');
    await expect.poll(() => text(app, '#result'), { timeout: 20_000 }).toContain('"probed":true');
    await app.locator('#attack').click();
    await expect.poll(() => text(app, '#attacks'), { timeout: 30_000 }).toContain('done');
    const outcome = (await text(app, '#attacks')) ?? '';
    await s.shot('attacks-done');
    expect(outcome).toContain('dom:blocked');
    expect(outcome).toContain('topdom:blocked');
    expect(outcome).toContain('storage:blocked');
    expect(outcome).toMatch(/cookie:(blocked|empty)/);
    expect(outcome).toContain('top:blocked');
    expect(outcome).toContain('popup:blocked');
    expect(outcome).toContain('jslink:refused');
    expect(outcome).toContain('unknown:-32601');
    expect(outcome).toContain('fetch:blocked');
    expect(outcome).toContain('ws:blocked');
    expect(outcome).not.toMatch(/READ|OPEN|OPENED|ANSWERED/);
    // The host page is where it was, untouched, and says why it did not open the link.
    expect(page.url()).toBe(url.href);
    expect(await page.title()).toBe(titleBefore);
    expect(await page.evaluate(() => localStorage.getItem('switchboard-secret'))).toBe('host-only');
    await expect.poll(() => page.getByRole('dialog').textContent(), { timeout: 10_000 }).toContain('"javascript:"');
    await s.shot('javascript-link-refused');
    // The app got no socket of its own: the host sees exactly one WebSocket session (its page's).
    expect(s.logs.filter((l) => l.includes('web socket refused')).length).toBeLessThanOrEqual(1);
  }, 240_000);

  describe('a hostile app cannot leave by a way its declared domains do not allow (issue 24)', () => {
    /** A TURN "server" the test owns: a UDP socket and a TCP listener on 127.0.0.1 that record whatever arrives. */
    async function turnListener(): Promise<{ ports: string; arrived: string[]; close(): Promise<void> }> {
      const arrived: string[] = [];
      const udp = dgram.createSocket('udp4');
      udp.on('message', (m) => arrived.push(`udp ${m.length} bytes`));
      await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
      const tcp = net.createServer((socket) => {
        arrived.push('tcp connection');
        socket.destroy();
      });
      await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
      return {
        ports: `${udp.address().port},${(tcp.address() as net.AddressInfo).port}`,
        arrived,
        close: async () => {
          udp.close();
          await new Promise((resolve) => tcp.close(resolve));
        },
      };
    }

    async function probeWith(s: Stack, args: Record<string, string>): Promise<Frame> {
      await addServer(s, 'probe', [probe]);
      await waitReady(s.page, 1);
      await ask(s.page, `Please use probe__probe ${JSON.stringify(args)}`);
      await allow(s.page, 'probe / probe');
      const app = await appFrame(s.page, '#rtc');
      await expect.poll(() => text(app, '#result'), { timeout: 20_000 }).toContain('"probed":true');
      return app;
    }

    it('sends nothing through an RTCPeerConnection with a TURN server, from its own frame or a child frame', async () => {
      const turn = await turnListener();
      try {
        const s = await open('apps-leak-webrtc', { fake: { delayMs: 5 } });
        const app = await probeWith(s, { turn: turn.ports });
        await app.locator('#rtc').click();
        // Either the app says how its attempt ended, or something reached the listener.
        await expect.poll(async () => turn.arrived.length > 0 || (await text(app, '#leaks')) !== '-', { timeout: 20_000 }).toBe(true);
        expect(await text(app, '#leaks')).toBe('rtc:blocked');
        expect(turn.arrived).toEqual([]);

        // A child frame is a new document with its own RTCPeerConnection, which the app's script cannot take away.
        // The sandbox page's Connection-Allowlist (webrtc=block) covers every frame under it: Chromium 156 stops
        // the renderer at the first peer-to-peer socket rather than open it (a crash, the host tab with it in
        // this headless build; never a packet).
        await app.locator('#rtc-child').click();
        const childOutcome = async () => text(app, '#leaks').catch((error: Error) => `stopped: ${error.message}`);
        await expect.poll(async () => turn.arrived.length > 0 || /^(child rtc:|stopped)/.test((await childOutcome()) ?? ''), { timeout: 20_000 }).toBe(true);
        expect(turn.arrived).toEqual([]);
        expect(await childOutcome()).not.toBe('child rtc:made');
        // A browser that stopped a renderer is not trusted with the next test: close it, and the next one starts afresh.
        await s.page.context().browser()?.close();
      } finally {
        await turn.close();
      }
    }, 240_000);

    it('cannot navigate its frame to an undeclared https origin', async () => {
      const s = await open('apps-leak-navigate', { fake: { delayMs: 5 } });
      // The undeclared origin: every request to it is recorded and answered with a page that would run.
      const requests: string[] = [];
      s.page.on('request', (request) => {
        if (request.url().startsWith('https://undeclared.example/')) requests.push(request.url());
      });
      await s.page
        .context()
        .route('https://undeclared.example/**', (route) =>
          route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p id="landed">landed, with no CSP</p>' }),
        );
      const app = await probeWith(s, { away: 'https://undeclared.example/landing' });
      await app.locator('#away').click({ noWaitAfter: true });
      await expect.poll(() => requests.length > 0 || app.url() !== 'about:srcdoc', { timeout: 20_000 }).toBe(true);
      expect(requests).toEqual([]);
      expect(app.url()).not.toContain('undeclared.example');
      expect(
        await app
          .locator('#landed')
          .count()
          .catch(() => 0),
      ).toBe(0);
    }, 240_000);
  });

  it('shows the app while its call runs, and tells it when the person stops the call', async () => {
    const s = await open('apps-7-cancel', { fake: { delayMs: 5 } });
    const { page } = s;
    await addServer(s, 'probe', [probe]);
    await waitReady(page, 1);
    await ask(page, 'Please use probe__slow');
    await allow(page, 'probe / slow');
    const card = page.locator('.tool-card[data-status="running"]').first();
    await card.waitFor({ timeout: 30_000 });
    const app = await appIn(card, '#result');
    await expect.poll(() => card.locator('.app-frame').getAttribute('data-app-state'), { timeout: 20_000 }).toBe('ready');
    expect(await text(app, '#result')).toBe('-');
    await s.shot('app-while-running');
    await page.getByRole('button', { name: 'Stop the answer (Esc)' }).click();
    await expect.poll(() => text(app, '#result'), { timeout: 20_000 }).toMatch(/^cancelled: ./);
    await s.shot('app-cancelled');
  }, 240_000);

  it('shows a readable note and the plain result when the app cannot load', async () => {
    const s = await open('apps-6-broken', { fake: { delayMs: 5 } });
    const { page } = s;
    await addServer(s, 'probe', [probe]);
    await waitReady(page, 1);
    await ask(page, 'Please use probe__broken');
    await allow(page, 'probe / broken');
    const note = page.locator('.app-failed');
    await note.waitFor({ timeout: 30_000 });
    expect(await note.textContent()).toMatch(
      /^The app of this tool could not be shown: "probe" could not send its app ui:\/\/probe\/missing\.html \(Resource ui:\/\/probe\/missing\.html not found\)\. The plain result is below\./,
    );
    expect(await note.locator('.tool-result').textContent()).toContain('broken ran fine');
    await s.shot('broken-app-note');
  }, 240_000);

  it('renders basic-react apps built on ext-apps 1.x and 2.x, and each calls its server through the host', async () => {
    const s = await open('apps-3-basic-react', { fake: { delayMs: 5 } });
    const { page } = s;
    await addServer(s, 'react1', [basicReact1, '--stdio']);
    // The 2.x server is asked for its era first ("protocol": "auto", set through the contract as the form
    // does): it answers as a 2025 server, the host falls back in the same process, and its app works.
    await addServer(s, 'react2', [basicReact2, '--stdio'], { protocol: 'auto' });
    await waitReady(page, 2);
    const views = await s.web.host.call('servers.list', {});
    expect(views.find((v) => v.name === 'react2')?.entry).toMatchObject({ protocol: 'auto' });
    const eras = Object.fromEntries(views.map((v) => [v.name, v.state.kind === 'ready' ? v.state.protocolVersion : v.state.kind]));
    expect(eras).toEqual({ react1: '2025-11-25', react2: '2025-11-25' });
    await ask(page, 'Please use react1__get-time');
    await allow(page, 'react1 / get-time');
    const v1 = await appFrame(page, 'button:has-text("Get Server Time")');
    await expect.poll(() => v1.locator('code').first().textContent(), { timeout: 30_000 }).toMatch(/\d{4}-\d\d-\d\d/);
    await page.locator('.msg-assistant', { hasText: 'The tool returned' }).first().waitFor({ timeout: 20_000 });
    await s.shot('basic-react-1x');
    const before = await v1.locator('code').first().textContent();
    await v1.getByRole('button', { name: 'Get Server Time' }).click();
    await allow(page, 'react1 / get-time');
    await expect.poll(() => v1.locator('code').first().textContent(), { timeout: 20_000 }).not.toBe(before);

    await ask(page, 'Please use react2__get-time');
    await allow(page, 'react2 / get-time');
    const v2 = await appIn(page.locator('.tool-card', { hasText: 'react2' }).first(), 'button:has-text("Get Server Time")');
    await expect.poll(() => v2.locator('code').first().textContent(), { timeout: 30_000 }).toMatch(/\d{4}-\d\d-\d\d/);
    await s.shot('basic-react-2x');
    const before2 = await v2.locator('code').first().textContent();
    await v2.getByRole('button', { name: 'Get Server Time' }).click();
    await allow(page, 'react2 / get-time');
    await expect.poll(() => v2.locator('code').first().textContent(), { timeout: 20_000 }).not.toBe(before2);
    await page.emulateMedia({ colorScheme: 'dark' });
    await s.shot('basic-react-2x-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 800, height: 800 });
    await s.shot('basic-react-800');
    await page.emulateMedia({ colorScheme: 'dark' });
    await s.shot('basic-react-800-dark');
  }, 240_000);

  it('renders the map app offline: its declared https origins are kept, and without the internet the card stays readable', async () => {
    const s = await open('apps-4-map', { fake: { delayMs: 5 } });
    const { page } = s;
    await addServer(s, 'map', [mapServer, '--stdio']);
    await waitReady(page, 1);
    const { app } = await s.web.host.call('apps.resource', { server: 'map', tool: 'show-map' });
    expect(app!.csp.resourceDomains.length + app!.csp.connectDomains.length).toBeGreaterThan(0);
    expect([...app!.csp.resourceDomains, ...app!.csp.connectDomains].every((d) => /^(https|wss):\/\//.test(d))).toBe(true);
    await ask(page, 'Please use map__show-map {"west": 2.2, "south": 48.8, "east": 2.5, "north": 48.9, "label": "Paris"}');
    await allow(page, 'map / show-map');
    const card = page.locator('.tool-card[data-status="done"]').first();
    await card.waitFor({ timeout: 30_000 });
    await card.locator('.app-frame, .app-failed').first().waitFor({ timeout: 30_000 });
    await page.locator('.msg-assistant', { hasText: 'The tool returned' }).first().waitFor({ timeout: 20_000 });
    await s.shot('map-offline');
    // The plain result is always one click away.
    await card.locator('.tool-head').click();
    expect(await card.locator('.tool-result').textContent()).toContain('Paris');
    await s.shot('map-offline-result');
  }, 240_000);

  it('mounts apps only near the viewport and tears them down when far away, in a long conversation', async () => {
    const s = await open('apps-5-many', { fake: { delayMs: 1 }, viewport: { width: 1280, height: 700 } });
    const { page } = s;
    await addServer(s, 'probe', [probe]);
    await waitReady(page, 1);
    const runs = 6;
    for (let i = 0; i < runs; i++) {
      await ask(page, `Please use probe__probe {"ws": "run ${i}"}`);
      if (i === 0) await page.getByRole('button', { name: 'Always allow probe / probe' }).click({ timeout: 30_000 });
      await page
        .locator('.msg-assistant', { hasText: `"ws":"run ${i}"}}` })
        .first()
        .waitFor({ timeout: 30_000 });
    }
    const inputs = async () => {
      const seen: string[] = [];
      for (const f of page.frames().filter((fr) => fr.url() === 'about:srcdoc')) {
        const value = await f
          .locator('#input')
          .textContent({ timeout: 1000 })
          .catch(() => null);
        if (value) seen.push(value);
      }
      return seen.join(' ');
    };
    // At the bottom, the newest app mounts. The test puts the view there itself, as the top half below
    // does: what it checks is mounting near the viewport, not whether the view followed the answers (a
    // far app torn down above can leave the view short of the bottom on a loaded machine).
    await expect
      .poll(
        async () => {
          await page.locator('.messages').evaluate((el) => (el.scrollTop = el.scrollHeight));
          return inputs();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain(`run ${runs - 1}`);
    const mounted = await page.locator('.app-iframe').count();
    expect(mounted).toBeGreaterThan(0);
    expect(mounted).toBeLessThan(runs);
    expect(await inputs()).not.toContain('run 0');
    // "Near" is measured from the list's own edges: an app scrolled just out of view stays mounted.
    const justAbove = await page.locator('.messages').evaluate((list) => {
      const top = list.getBoundingClientRect().top;
      return [...list.querySelectorAll('.tool-app')]
        .map((el) => ({ gap: top - el.getBoundingClientRect().bottom, mounted: el.querySelector('.app-iframe') !== null }))
        .filter((a) => a.gap > 0 && a.gap < 600);
    });
    expect(justAbove.length).toBeGreaterThan(0);
    expect(justAbove.every((a) => a.mounted)).toBe(true);
    await s.shot('many-bottom');
    // Scrolling to the top (as a person does: Home in the list) mounts the first app again (from its saved
    // result) and tears down the last.
    await expect
      .poll(
        async () => {
          await page.locator('.messages').focus();
          await page.keyboard.press('Home');
          return inputs();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain('run 0');
    await expect.poll(inputs, { timeout: 20_000 }).not.toContain(`run ${runs - 1}`);
    await s.shot('many-top');
  }, 300_000);
});
