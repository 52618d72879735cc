// Two accounts on one remote server, in Chromium through web mode against the local authorization server: the
// person signs in, adds a second account on the server page (signing in as someone else on the page that opens),
// picks it for a conversation above the composer, and the call card says which account the call ran as.
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startOAuthFixture, type OAuthFixture } from '../fixtures/oauthServer.ts';
import { reply } from '../support/fakeAnthropic.ts';
import type { Stack } from './stack.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();
let as: OAuthFixture | undefined;
afterEach(async () => {
  await as?.close();
  as = undefined;
});

async function showServer(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Servers', exact: true }).click();
  // Below 900 px the sidebar (and its server list) hides behind the rail's button.
  const showSidebar = page.getByRole('navigation', { name: 'Navigation' }).getByRole('button', { name: 'Show sidebar' });
  if (await showSidebar.isVisible()) await showSidebar.click();
  await page
    .getByRole('complementary', { name: 'Sidebar' })
    .getByRole('button', { name: /^guarded: / })
    .click();
}

/** Clicks a button that opens the authorization page in a tab, signs in there as `login`, and closes the tab. */
async function signInOnTab(page: Page, button: string, login?: string): Promise<void> {
  const opening = page.context().waitForEvent('page');
  await page.getByRole('button', { name: button }).click();
  const tab = await opening;
  await tab.getByRole('button', { name: 'Allow' }).waitFor({ timeout: 20_000 });
  if (login) await tab.getByLabel('Sign in as').fill(login);
  await tab.getByRole('button', { name: 'Allow' }).click();
  await tab.getByRole('heading', { name: 'Signed in' }).waitFor({ timeout: 20_000 });
  await tab.close();
}

async function openSignedInTwice(name: string, options: Parameters<typeof open>[1] = {}): Promise<Stack> {
  as = await startOAuthFixture({ discovery: 'header' });
  const s = await open(name, options);
  await s.web.host.call('servers.upsert', { name: 'guarded', entry: { transport: 'http', url: as.mcpUrl } });
  await s.web.host.call('servers.setTrust', { server: 'guarded', trusted: true });
  await showServer(s.page);
  const host = new URL(as.origin).host;
  await s.page.getByRole('button', { name: `Sign in to ${host}` }).waitFor({ timeout: 20_000 });
  await signInOnTab(s.page, `Sign in to ${host}`);
  await s.page.getByText(`Signed in to ${host} as ada@example.test.`).waitFor({ timeout: 20_000 });
  await signInOnTab(s.page, 'Add another account', 'bob@example.test');
  await s.page.getByRole('listitem', { name: 'Account bob@example.test' }).waitFor({ timeout: 20_000 });
  return s;
}

describe('several accounts on one remote server in Chromium', () => {
  it('adds a second account, picks it in a conversation, and shows it on the call card', async () => {
    const s = await openSignedInTwice('a1-two-accounts');
    const { page } = s;
    const accounts = page.getByRole('region', { name: 'Accounts' });
    expect(await accounts.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('ada@example.test'),
      expect.stringContaining('bob@example.test'),
    ]);
    expect(await accounts.getByRole('listitem', { name: 'Account ada@example.test' }).textContent()).toContain('default');

    // Renamed on the server page: the chat offers the new label.
    await accounts.getByRole('button', { name: 'Rename bob@example.test' }).click();
    await accounts.getByLabel('New name for bob@example.test').fill('Work');
    await accounts.getByRole('button', { name: 'Save' }).click();
    await accounts.getByRole('listitem', { name: 'Account Work' }).waitFor();
    await s.shot('server-two-accounts');

    s.fake.enqueue(reply.toolUse('guarded__whoami', {}), reply.text('Done.'));
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    const chooser = page.getByLabel('Account for guarded');
    expect(await chooser.locator('option').allTextContents()).toEqual(['ada@example.test (default)', 'Work']);
    await chooser.selectOption({ label: 'Work' });
    await expect.poll(() => chooser.inputValue()).not.toBe('');
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Who am I at work?');
    await composer.press('Enter');
    const card = page.locator('.tool-card').first();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    expect(await card.locator('.call-account').textContent()).toBe('as Work');
    await card.locator('.tool-head').click();
    expect(await card.locator('.tool-result').textContent()).toContain('signed in as bob@example.test');
    // The call's timeline records the account too.
    await card
      .getByRole('definition')
      .filter({ hasText: /^Work$/ })
      .waitFor();
    await s.shot('call-as-work');

    // Work's own connection logs on the server's page, beside the default's, each line marked as Work's.
    await showServer(page);
    const log = page.getByRole('log', { name: 'Log of guarded' });
    await log
      .getByText(/^\[as Work\] ready in/)
      .first()
      .waitFor({ timeout: 20_000 });
    await log.scrollIntoViewIfNeeded();
    await s.shot('server-log-as-work');

    // Remembered with the conversation: after a reload the chooser still says Work.
    await s.reload();
    await page.getByLabel('Account for guarded').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByLabel('Account for guarded').inputValue()).not.toBe('');
    expect(await page.locator('.tool-card .call-account').first().textContent()).toBe('as Work');
  });

  it('reads well in dark mode on a narrow window', async () => {
    const s = await openSignedInTwice('a2-two-accounts-dark', { colorScheme: 'dark', viewport: { width: 800, height: 700 } });
    await s.page.getByRole('region', { name: 'Accounts' }).scrollIntoViewIfNeeded();
    await s.shot('server-two-accounts-dark');
    await s.page.getByRole('button', { name: 'Chat', exact: true }).click();
    await s.page.getByLabel('Account for guarded').waitFor();
    await s.shot('chooser-dark');
  });
});
