// A person's walk through every screen after the eight features landed together: chat (empty and with a
// tool card's timeline and raw view), Servers (ready and waiting for approval), Settings top to bottom and
// the shortcuts dialog, at 1280 and 800 px wide, light and dark. Each screen must show its heading or key
// control and must not scroll sideways. Screenshots go to test-artifacts/e2e/walkthrough/.
import { describe, expect, it } from 'vitest';
import { nodeBin, serverBins } from '../support/paths.ts';
import type { Stack } from './stack.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();

async function noSidewaysScroll(s: Stack, screen: string): Promise<void> {
  const sizes = await s.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(sizes.scroll, `${screen} scrolls sideways`).toBeLessThanOrEqual(sizes.inner);
}

/** Clicks a button of the sidebar, opening the sidebar first when a narrow window hides it. */
async function inSidebar(s: Stack, name: RegExp): Promise<void> {
  const target = s.page.getByRole('button', { name }).first();
  if (!(await target.isVisible())) await s.page.getByRole('button', { name: 'Show sidebar' }).first().click();
  await target.click();
}

async function go(s: Stack, where: 'Chat' | 'Servers' | 'Settings'): Promise<void> {
  await s.page.getByRole('button', { name: where, exact: true }).first().click();
}

describe('a walk through every screen', () => {
  it('shows each screen without sideways scrolling at 1280 and 800 px, light and dark', async () => {
    const s = await open('walkthrough', { fake: { delayMs: 5 } });
    const { page } = s;
    await s.web.host.call('servers.upsert', { name: 'everything', entry: { transport: 'stdio', command: nodeBin, args: [serverBins.everything] } });
    await expect.poll(() => page.locator('.health').textContent(), { timeout: 20_000 }).toMatch(/1\/1 ready/);

    // A server that waits for approval: imported from a pasted config, with an env table to review.
    await go(s, 'Settings');
    const pasted = {
      mcpServers: { memory: { command: nodeBin, args: [serverBins.memory], env: { LOG_LEVEL: 'info', GITHUB_TOKEN: 'ghp_walkthrough_secret' } } },
    };
    await page.getByLabel('Paste a config').fill(JSON.stringify(pasted, null, 2));
    await page.getByRole('button', { name: 'Import servers' }).click();
    await page.locator('.import-result').getByText('moved to the secret store').waitFor({ timeout: 20_000 });

    // A conversation with one finished tool call.
    await go(s, 'Chat');
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Please use echo {"message": "hello from the walkthrough"}');
    await composer.press('Enter');
    const card = page.locator('.tool-card').first();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('awaiting-approval');
    await card.getByRole('button', { name: 'Allow everything / echo once' }).click();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    await page.locator('.msg-assistant .markdown', { hasText: 'The tool returned' }).first().waitFor({ timeout: 20_000 });

    for (const [width, scheme] of [
      [1280, 'light'],
      [1280, 'dark'],
      [800, 'light'],
      [800, 'dark'],
    ] as const) {
      const tag = `${width}-${scheme}`;
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);

      // The chat with its tool card open: timeline, then the raw exchange.
      await go(s, 'Chat');
      await card.waitFor();
      if ((await card.getByLabel('Timeline of this call').count()) === 0) await card.locator('.tool-head').click();
      await card.getByLabel('Timeline of this call').waitFor();
      await card.scrollIntoViewIfNeeded();
      await noSidewaysScroll(s, `chat with tool card ${tag}`);
      await s.shot(`chat-timeline-${tag}`);
      if ((await card.locator('.tool-raw').getAttribute('open')) === null) await card.locator('.tool-raw summary').click();
      await card.getByRole('list', { name: 'JSON-RPC messages of this call' }).waitFor();
      await card.locator('.tool-raw').scrollIntoViewIfNeeded();
      await noSidewaysScroll(s, `raw view ${tag}`);
      await s.shot(`chat-raw-${tag}`);

      // Servers: the ready one, then the one waiting for approval with its env table.
      await go(s, 'Servers');
      await inSidebar(s, /^everything:/);
      await page.getByRole('list', { name: 'Tools of everything' }).waitFor();
      expect(await page.locator('.detail-title .status').textContent()).toBe('ready');
      await noSidewaysScroll(s, `server page ${tag}`);
      await s.shot(`server-ready-${tag}`);
      await inSidebar(s, /^memory:/);
      const approval = page.getByRole('region', { name: 'Approve starting memory' });
      await approval.getByRole('table', { name: 'Environment variables' }).waitFor();
      expect(await approval.textContent()).not.toContain('ghp_walkthrough_secret');
      await noSidewaysScroll(s, `approval ${tag}`);
      await s.shot(`server-approval-${tag}`);

      // Settings, top to bottom, one screenful at a time.
      await go(s, 'Settings');
      await page.getByLabel('Paste a config').waitFor();
      const pane = page.locator('.pane-scroll');
      await pane.evaluate((el) => el.scrollTo(0, 0));
      for (let part = 1; ; part++) {
        await noSidewaysScroll(s, `settings part ${part} ${tag}`);
        await s.shot(`settings-${part}-${tag}`);
        const more = await pane.evaluate((el) => el.scrollTop + el.clientHeight < el.scrollHeight - 1);
        if (!more || part > 20) break;
        await pane.evaluate((el) => el.scrollBy(0, el.clientHeight - 60));
      }

      // The shortcuts dialog, over the empty chat of a new conversation.
      await go(s, 'Chat');
      await page.getByRole('button', { name: 'New conversation' }).first().click();
      await expect.poll(() => page.locator('.tool-card').count()).toBe(0);
      await expect.poll(() => composer.isVisible()).toBe(true);
      await noSidewaysScroll(s, `empty chat ${tag}`);
      await s.shot(`chat-empty-${tag}`);
      await page
        .getByRole('log', { name: 'Messages' })
        .focus()
        .catch(() => page.locator('body').focus());
      await page.keyboard.press('Control+/');
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('New conversation');
      await noSidewaysScroll(s, `shortcuts ${tag}`);
      await s.shot(`shortcuts-${tag}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      // Back to the conversation with the tool card for the next pass.
      await go(s, 'Chat');
      await inSidebar(s, /^Open conversation .*echo/);
    }
  }, 240_000);

  it('shows what was wrong with a pasted entry without literal backticks', async () => {
    const s = await open('walkthrough-import-issue');
    const { page } = s;
    await go(s, 'Settings');
    await page.getByLabel('Paste a config').fill(JSON.stringify({ mcpServers: { broken: { command: 5 } } }));
    await page.getByRole('button', { name: 'Import servers' }).click();
    const issues = page.locator('.import-result .issue-list');
    await issues.waitFor({ timeout: 20_000 });
    expect(await issues.textContent()).toMatch(/command must be/);
    expect(await issues.textContent()).not.toContain('`');
    await s.shot('import-issue');
  });
});
