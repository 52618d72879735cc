// What a daily user leans on, in Chromium through web mode: keyboard shortcuts, search, titles, rename and
// delete, copy, the theme choice and the sidebar on a narrow window. Screenshots under test-artifacts/e2e/.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reply } from '../support/fakeAnthropic.ts';
import { nodeBin, serverBins } from '../support/paths.ts';
import type { Stack } from './stack.ts';
import { useStacks } from './suite.ts';
import { eventually } from '../support/eventually.ts';

const { open } = useStacks();

/** A finished conversation made through the contract, as earlier use would have left it. */
async function conversationWith(s: Stack, text: string, answer: string): Promise<string> {
  const { id } = await s.web.host.call('conversations.create', {});
  s.fake.enqueue(reply.text(answer));
  await s.web.host.call('chat.send', { conversationId: id, text });
  await eventually(
    async () => {
      const view = await s.web.host.call('conversations.get', { id });
      return !view.busy && view.messages.length >= 2;
    },
    'the seeded conversation to finish',
    { everyMs: 50 },
  );
  return id;
}

const activeElementLabel = (s: Stack) => s.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);

describe('a day with Switchboard', () => {
  it('runs every shortcut from the keyboard and lists them', async () => {
    const s = await open('d1-shortcuts', { fake: { delayMs: 20 } });
    const { page } = s;
    await conversationWith(s, 'How do I grow tomatoes?', 'Tomatoes want full sun and deep watering twice a week.');
    await conversationWith(s, 'Plan a trip to Oslo', 'Take the train from the airport.');
    await page.reload();
    await page.getByRole('button', { name: 'New conversation' }).first().waitFor();
    const conversations = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem');
    await expect.poll(() => conversations.count(), { timeout: 20_000 }).toBe(2);

    // Search: Ctrl+K focuses the box; a word from an answer finds its conversation, highlighted.
    await page.keyboard.press('Control+k');
    await expect.poll(() => activeElementLabel(s)).toBe('Search conversations');
    await page.keyboard.type('WATERING');
    const results = page.getByRole('list', { name: 'Search results' });
    await expect.poll(() => results.getByRole('listitem').count(), { timeout: 20_000 }).toBe(1);
    expect(await results.locator('mark').first().textContent()).toBe('watering');
    expect(await results.textContent()).toContain('tomatoes');
    await s.shot('search-results');
    await results.getByRole('button').first().click();
    await page.locator('.msg-assistant', { hasText: 'deep watering' }).waitFor();

    // Ctrl+Shift+O: a new, empty conversation with the composer focused.
    // (New conversation is immediate: the conversation itself is created by the first send.)
    await page.keyboard.press('Control+Shift+O');
    await expect.poll(() => page.locator('.msg').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => activeElementLabel(s)).toBe('Message to Claude');

    // Ctrl+, opens Settings; Ctrl+L comes back to the composer.
    await page.keyboard.press('Control+,');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.keyboard.press('Control+l');
    await expect.poll(() => activeElementLabel(s)).toBe('Message to Claude');

    // Ctrl+. stops an answer in flight.
    s.fake.enqueue(reply.stall('A long answer that never ends because the model stalls'));
    await page.keyboard.type('Tell me a long story');
    await page.keyboard.press('Enter');
    await page.locator('.msg-assistant .markdown', { hasText: 'never ends' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+.');
    await page.locator('.msg-note', { hasText: 'Stopped.' }).waitFor({ timeout: 20_000 });

    // The list of shortcuts: Ctrl+/ and `?` (outside text fields), Esc closes it.
    await page.keyboard.press('Control+/');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    for (const label of ['New conversation', 'Search conversations', 'Open Settings', 'Stop the answer', 'Write a message']) {
      expect(await dialog.textContent()).toContain(label);
    }
    expect(await dialog.locator('kbd').allTextContents()).toContain('Ctrl');
    await s.shot('shortcuts-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('log', { name: 'Messages' }).focus();
    await page.keyboard.press('?');
    await dialog.waitFor();
    await page.getByRole('button', { name: 'Close keyboard shortcuts' }).click();
    await dialog.waitFor({ state: 'detached' });
    // `?` typed in the composer is just a question mark.
    await page.getByLabel('Message to Claude').focus();
    await page.keyboard.type('why?');
    expect(await page.getByLabel('Message to Claude').inputValue()).toBe('why?');
    expect(await dialog.count()).toBe(0);
  });

  it('names a conversation from the model after its first answer, and the person can rename and delete it', async () => {
    const s = await open('d2-titles');
    const { page } = s;
    s.fake.enqueueTitles(reply.text('Growing tomatoes'));
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('how do i grow tomatoes on a balcony in a cold climate');
    await composer.press('Enter');
    const list = page.getByRole('list', { name: 'Conversations' });
    await list.getByRole('button', { name: 'Open conversation Growing tomatoes' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.chat-title').textContent()).toBe('Growing tomatoes');
    expect(s.fake.titleRequests.at(-1)?.rejected).toBeUndefined();
    await s.shot('automatic-title');

    // Rename in the sidebar.
    await list.getByRole('button', { name: 'Open conversation Growing tomatoes' }).hover();
    await list.getByRole('button', { name: 'Rename Growing tomatoes' }).click();
    await page.getByLabel('New title').fill('Balcony garden');
    await page.getByLabel('New title').press('Enter');
    await list.getByRole('button', { name: 'Open conversation Balcony garden' }).waitFor();
    expect(await page.locator('.chat-title').textContent()).toBe('Balcony garden');

    // Delete asks first; Keep keeps it, Delete removes it from the list and the disk.
    const [summary] = await s.web.host.call('conversations.list', {});
    await list.getByRole('button', { name: 'Open conversation Balcony garden' }).hover();
    await list.getByRole('button', { name: 'Delete Balcony garden' }).click();
    await s.shot('delete-confirm');
    await page.getByRole('button', { name: 'Keep conversation' }).click();
    expect(await list.getByRole('listitem').count()).toBe(1);
    await list.getByRole('button', { name: 'Open conversation Balcony garden' }).hover();
    await list.getByRole('button', { name: 'Delete Balcony garden' }).click();
    await page.getByRole('button', { name: 'Confirm delete Balcony garden' }).click();
    await page.getByText('No conversations yet').waitFor();
    await expect(readFile(path.join(s.dataDir, 'conversations', `${summary!.id}.json`))).rejects.toThrow(/ENOENT/);
  });

  it('keeps the first words as the title when there is no API key', async () => {
    const s = await open('d3-title-no-key', { noApiKey: true });
    const { page } = s;
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Plan a trip to Oslo\nwith the details');
    await composer.press('Enter');
    await page.getByRole('button', { name: 'Open conversation Plan a trip to Oslo' }).waitFor({ timeout: 20_000 });
    await page.locator('.api-error').first().waitFor({ timeout: 20_000 });
    expect(s.fake.titleRequests).toHaveLength(0);
    expect(await page.locator('.chat-title').textContent()).toBe('Plan a trip to Oslo');
  });

  it('copies a message with its copy button', async () => {
    const s = await open('d4-copy');
    const { page } = s;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(s.web.url).origin });
    s.fake.enqueue(reply.text('Here is **the answer** with `code`.'));
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Give me an answer');
    await composer.press('Enter');
    const answer = page.locator('.msg-assistant', { hasText: 'the answer' });
    await answer.waitFor({ timeout: 20_000 });
    await answer.hover();
    await answer.getByRole('button', { name: "Copy Claude's answer" }).click();
    await answer.getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Here is **the answer** with `code`.');
    await s.shot('copied');
    const mine = page.locator('.msg-user');
    await mine.hover();
    await mine.getByRole('button', { name: 'Copy your message' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Give me an answer');
  });

  it('applies the theme choice at once and keeps it after a reload', async () => {
    const s = await open('d5-theme', { colorScheme: 'light' });
    const { page } = s;
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme()).toBe('light');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const group = page.getByRole('radiogroup', { name: 'Theme' });
    await group.getByText('Dark').click();
    await expect.poll(theme).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(24, 24, 27)');
    await s.shot('settings-dark');
    await expect.poll(async () => JSON.parse(await readFile(path.join(s.dataDir, 'settings.json'), 'utf8')).theme).toBe('dark');
    await page.reload();
    await page.getByRole('button', { name: 'New conversation' }).first().waitFor();
    await expect.poll(theme).toBe('dark');
    await s.shot('reloaded-dark');
    // System follows the OS (light here).
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('radiogroup', { name: 'Theme' }).getByText('System').click();
    await expect.poll(theme).toBe('light');
  });

  it('hides the sidebar behind a button at 800 px and remembers a collapsed sidebar at 1280 px', async () => {
    const s = await open('d6-sidebar-800', { viewport: { width: 800, height: 700 } });
    const { page } = s;
    const sidebar = page.getByRole('complementary', { name: 'Sidebar' });
    expect(await sidebar.count()).toBe(0);
    const rail = page.getByRole('navigation', { name: 'Navigation' });
    await rail.waitFor();
    const chatBox = await page.locator('.main').boundingBox();
    expect(chatBox!.width).toBeGreaterThan(700);
    await s.shot('narrow-collapsed');
    await rail.getByRole('button', { name: 'Show sidebar' }).click();
    await sidebar.waitFor();
    await s.shot('narrow-open');
    await sidebar.getByRole('button', { name: 'Hide sidebar' }).click();
    await sidebar.waitFor({ state: 'detached' });
    // Search from the rail brings the sidebar with the box focused.
    await rail.getByRole('button', { name: 'Search conversations' }).click();
    await expect.poll(() => activeElementLabel(s)).toBe('Search conversations');

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Chat', exact: true }).first().click();
    await sidebar.waitFor();
    await sidebar.getByRole('button', { name: 'Hide sidebar' }).click();
    await sidebar.waitFor({ state: 'detached' });
    await expect.poll(async () => JSON.parse(await readFile(path.join(s.dataDir, 'settings.json'), 'utf8')).sidebarCollapsed).toBe(true);
    await page.reload();
    await rail.waitFor();
    expect(await sidebar.count()).toBe(0);
    await s.shot('wide-collapsed-after-reload');
    await rail.getByRole('button', { name: 'Show sidebar' }).click();
    await sidebar.waitFor();
  });

  it('counts only ready servers in the empty chat, says which wait for approval, and adds servers on the Servers page', async () => {
    const s = await open('d7-empty-state-and-screens');
    const { page } = s;
    for (const name of ['everything', 'more']) {
      await s.web.host.call('servers.upsert', { name, entry: { transport: 'stdio', command: nodeBin, args: [serverBins.everything] } });
    }
    await s.web.host.call('servers.import', { json: JSON.stringify({ mcpServers: { memory: { command: nodeBin, args: [serverBins.memory] } } }) });
    const empty = page.locator('.chat-empty');
    await expect.poll(() => empty.textContent(), { timeout: 20_000 }).toContain('your 2 ready servers,');
    expect(await empty.textContent()).toContain('1 server waits for your approval or sign-in.');
    expect(await empty.textContent()).not.toContain('3 servers');
    expect(await page.locator('.health').textContent()).toMatch(/2\/3 ready·\d+ tools/);

    // Every screen touched here, at 1280 and 800 px, light and dark.
    const screens = async (tag: string) => {
      await page.getByRole('button', { name: 'Chat', exact: true }).first().click();
      await empty.waitFor();
      await s.shot(`${tag}-chat-empty`);
      await page.getByRole('button', { name: 'Settings', exact: true }).first().click();
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      await s.shot(`${tag}-settings`);
      await page.getByRole('button', { name: 'Chat', exact: true }).first().click();
    };
    for (const [width, scheme] of [
      [1280, 'light'],
      [1280, 'dark'],
      [800, 'light'],
      [800, 'dark'],
    ] as const) {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      await screens(`${width}-${scheme}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('button', { name: 'Review servers that wait for you' }).click();
    await page.getByRole('region', { name: 'Approve starting memory' }).waitFor();
    await s.shot('review-waiting');

    // Switching servers starts at the top of the next one.
    const servers = page.getByRole('list', { name: 'Servers' });
    await servers.getByRole('button', { name: /^everything:/ }).click();
    await page.getByRole('list', { name: 'Tools of everything' }).waitFor();
    await page.locator('.pane-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => page.locator('.pane-scroll').evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    await servers.getByRole('button', { name: /^more:/ }).click();
    await page.getByRole('list', { name: 'Tools of more' }).waitFor();
    expect(await page.locator('.pane-scroll').evaluate((el) => el.scrollTop)).toBe(0);

    // Adding a server opens its form on the Servers page, not in Settings.
    await page.getByRole('button', { name: 'Add a server' }).first().click();
    await page.getByRole('heading', { name: 'Add a server', level: 2 }).waitFor();
    expect(await page.getByRole('button', { name: 'Servers', exact: true }).getAttribute('aria-current')).toBe('page');
    await s.shot('add-server-on-servers-page');
    // Editing from the Settings list lands there too.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Edit everything' }).click();
    await page.getByRole('heading', { name: 'Edit everything', level: 2 }).waitFor();
    expect(await page.getByRole('button', { name: 'Servers', exact: true }).getAttribute('aria-current')).toBe('page');
  });

  it('folds a very long message behind "Show more" and offers "Jump to latest" while scrolled up during streaming', async () => {
    const s = await open('d8-long-and-jump', { fake: { delayMs: 5, chunkChars: 40 } });
    const { page } = s;
    const long = Array.from({ length: 80 }, (_, i) => `Line ${i + 1} of a very long pasted log.`).join('\n');
    s.fake.enqueue(reply.text('Short answer.'));
    const composer = page.getByLabel('Message to Claude');
    await composer.fill(long);
    await composer.press('Enter');
    await page.locator('.msg-assistant', { hasText: 'Short answer.' }).waitFor({ timeout: 20_000 });
    const mine = page.locator('.msg-user .long-message');
    const toggle = mine.getByRole('button', { name: /Show more/ });
    await toggle.waitFor();
    expect((await mine.locator('.long-message-body').boundingBox())!.height).toBeLessThanOrEqual(430);
    await s.shot('long-folded');
    await toggle.click();
    await mine.getByRole('button', { name: 'Show less' }).waitFor();
    expect((await mine.locator('.long-message-body').boundingBox())!.height).toBeGreaterThan(900);

    // A long answer streams in and stalls; the person scrolls up to read.
    s.fake.enqueue(reply.stall(Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of the streamed answer.`).join('\n\n')));
    await composer.fill('Write a lot');
    await composer.press('Enter');
    await page.locator('.msg-assistant .markdown', { hasText: 'Paragraph 60' }).waitFor({ timeout: 20_000 });
    const jump = page.getByRole('button', { name: 'Jump to latest' });
    expect(await jump.count()).toBe(0);
    await page.getByRole('log', { name: 'Messages' }).hover();
    await page.mouse.wheel(0, -3000);
    await jump.waitFor();
    await s.shot('jump-to-latest');
    await jump.click();
    await jump.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('log', { name: 'Messages' }).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(48);
    await page.getByRole('button', { name: 'Stop the answer (Esc)' }).click();
    await page.locator('.msg-note', { hasText: 'Stopped.' }).waitFor({ timeout: 20_000 });
  });

  it('keeps following the answer after something far above shrinks (an app torn down), and lets go only when the person scrolls', async () => {
    const s = await open('d9-follow-after-shrink', { fake: { delayMs: 5, chunkChars: 40 }, viewport: { width: 1280, height: 700 } });
    const { page } = s;
    const log = page.getByRole('log', { name: 'Messages' });
    const fromBottom = () => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    const composer = page.getByLabel('Message to Claude');
    for (let i = 1; i <= 3; i++) {
      s.fake.enqueue(reply.text(Array.from({ length: 8 }, (_, j) => `Answer ${i}, paragraph ${j + 1}.`).join('\n\n')));
      await composer.fill(`Question ${i}`);
      await composer.press('Enter');
      await page.locator('.msg-assistant', { hasText: `Answer ${i}, paragraph 8.` }).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Stop the answer (Esc)' }).waitFor({ state: 'detached' });
    }
    // An app in the first message, far above, mounts at its full height; the view stays at the bottom.
    await page.locator('.message-slot[data-index="0"]').evaluate((el) => {
      const app = document.createElement('div');
      app.id = 'tall-app';
      app.style.height = '1500px';
      el.appendChild(app);
    });
    await expect.poll(fromBottom).toBeLessThan(48);
    // It is torn down: the row above shrinks; the person did nothing.
    await page.locator('#tall-app').evaluate((el) => el.remove());
    await expect.poll(() => log.evaluate((el) => el.scrollHeight)).toBeLessThan(5000);
    // The list moves scrollTop itself when a row above changes size (so the rows in view stay put); on a
    // loaded machine that scroll event arrives before the list's new height is drawn, and the view looks
    // scrolled up. Make that move directly: it is not the person's, so the view must not let go.
    await log.evaluate(
      (el) =>
        new Promise<void>((resolve) => {
          el.addEventListener('scroll', () => requestAnimationFrame(() => resolve()), { once: true });
          el.scrollTop -= 400;
        }),
    );
    // The next answer streams in, and the view follows it to its end.
    s.fake.enqueue(reply.text(Array.from({ length: 40 }, (_, j) => `Streamed paragraph ${j + 1}.`).join('\n\n')));
    await composer.fill('Question 4');
    await composer.press('Enter');
    await page.locator('.msg-assistant', { hasText: 'Streamed paragraph 40.' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Stop the answer (Esc)' }).waitFor({ state: 'detached' });
    await expect.poll(fromBottom, { timeout: 5_000 }).toBeLessThan(48);
    await s.shot('followed-after-shrink');
    // The person's own wheel still lets go.
    s.fake.enqueue(reply.stall(Array.from({ length: 40 }, (_, j) => `Stalled paragraph ${j + 1}.`).join('\n\n')));
    await composer.fill('Question 5');
    await composer.press('Enter');
    await page.locator('.msg-assistant', { hasText: 'Stalled paragraph 40.' }).waitFor({ timeout: 20_000 });
    await log.hover();
    await page.mouse.wheel(0, -2000);
    await page.getByRole('button', { name: 'Jump to latest' }).waitFor();
    expect(await fromBottom()).toBeGreaterThan(48);
    await page.getByRole('button', { name: 'Stop the answer (Esc)' }).click();
  });
});
