// Tool search in Chromium: with 300 tools the counter says how many are loaded of those available, and the
// reply shows what Claude searched for and which tools that loaded; screenshots at 1280 and 800 px, light and dark.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reply } from '../support/fakeAnthropic.ts';
import { fixturesDir, nodeBin } from '../support/paths.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();

describe('tool search in the UI', () => {
  it('shows loaded of available tools in the counter, and the search and what it loaded on the reply', async () => {
    const s = await open('tool-search', { fake: { delayMs: 2 } });
    const { page } = s;
    for (const domain of ['crm', 'ops']) {
      await s.web.host.call('servers.upsert', {
        name: domain,
        entry: { transport: 'stdio', command: nodeBin, args: [path.join(fixturesDir, 'tool-catalog.mjs'), domain, '150'] },
      });
    }
    await expect.poll(() => page.locator('.health').textContent(), { timeout: 30_000 }).toMatch(/2\/2 ready/);
    const counter = page.getByTestId('tool-counter');
    await expect.poll(() => counter.textContent(), { timeout: 10_000 }).toBe('0 of 300 tools loaded');

    s.fake.enqueue(reply.searchThenCall('rotate the TLS certificate', 'ops__rotate_certificate', { id: 'cert-7' }), reply.text('Rotated **cert-7**.'));
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Rotate certificate cert-7, please.');
    await composer.press('Enter');
    const card = page.locator('.tool-card').first();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('awaiting-approval');
    await card.getByRole('button', { name: 'Allow ops / rotate_certificate once' }).click();
    await page.locator('.msg-assistant .markdown', { hasText: 'Rotated' }).first().waitFor({ timeout: 20_000 });

    const line = page.getByTestId('tool-search-line').first();
    const text = (await line.textContent()) ?? '';
    expect(text).toMatch(/0 of 300 tools loaded; Claude finds the others with tool search\./);
    expect(text).toMatch(/Searched tools for rotate the TLS certificate — loaded ops \/ rotate_certificate/);
    await card.locator('.tool-head').click();
    expect(await card.getByLabel('Timeline of this call').textContent()).toMatch(/Loaded bytool search for "rotate the TLS certificate"/);

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 800]) {
        await page.setViewportSize({ width, height: 800 });
        await line.scrollIntoViewIfNeeded();
        await s.shot(`reply-${width}-${scheme}`);
      }
    }

    // Pin a tool on its server's page: it stays loaded, and the counter says so.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Servers', exact: true }).click();
    await page.getByRole('button', { name: /^crm: / }).click();
    await page.getByRole('button', { name: 'Pin tool get_invoice' }).click();
    await page.getByRole('button', { name: 'Unpin tool get_invoice' }).waitFor();
    await expect.poll(() => counter.textContent(), { timeout: 10_000 }).toBe('1 of 300 tools loaded');
    await page.getByRole('button', { name: 'Unpin tool get_invoice' }).scrollIntoViewIfNeeded();
    await s.shot('pinned-on-server-page');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('region', { name: 'Many tools' });
    await settings.scrollIntoViewIfNeeded();
    expect(await settings.textContent()).toMatch(/Past the threshold, tools go to Claude without their definitions/);
    expect(await settings.getByRole('list', { name: 'Pinned tools' }).textContent()).toMatch(/crm__get_invoice/);
    for (const [width, scheme] of [
      [1280, 'light'],
      [800, 'dark'],
    ] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 800 });
      await settings.scrollIntoViewIfNeeded();
      await s.shot(`settings-${width}-${scheme}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    const toggle = settings.getByRole('switch', { name: 'Use tool search when many tools are enabled' });
    // The switch's track covers its checkbox, as a person sees it: click the switch itself.
    await settings.locator('.toggle').first().click();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await expect.poll(() => counter.textContent(), { timeout: 10_000 }).toBe('300 tools (too many)');
    await s.shot('settings-off');
  }, 90_000);
});
