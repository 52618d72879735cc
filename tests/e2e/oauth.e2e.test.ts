// OAuth sign-in end to end in Chromium through web mode: a remote server behind the local authorization server
// shows "Sign in to <host>", the person signs in on the page that opens, the server turns ready without a
// restart, a tool call succeeds, a reload keeps the session, and Sign out returns it to "needs sign-in".
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startOAuthFixture, type OAuthFixture } from '../fixtures/oauthServer.ts';
import { reply } from '../support/fakeAnthropic.ts';
import { artifactsDir, type Stack } from './stack.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();
let as: OAuthFixture | undefined;
afterEach(async () => {
  await as?.close();
  as = undefined;
});

async function openWithGuarded(name: string, options: Parameters<typeof open>[1] = {}): Promise<Stack> {
  as = await startOAuthFixture({ discovery: 'header' });
  const s = await open(name, options);
  await s.web.host.call('servers.upsert', { name: 'guarded', entry: { transport: 'http', url: as.mcpUrl } });
  await s.web.host.call('servers.setTrust', { server: 'guarded', trusted: true });
  await s.page.getByRole('button', { name: 'Servers', exact: true }).click();
  // Below 900 px the sidebar (and its server list) hides behind the rail's button.
  const showSidebar = s.page.getByRole('navigation', { name: 'Navigation' }).getByRole('button', { name: 'Show sidebar' });
  if (await showSidebar.isVisible()) await showSidebar.click();
  await s.page
    .getByRole('complementary', { name: 'Sidebar' })
    .getByRole('button', { name: /^guarded: / })
    .click();
  return s;
}

describe('signing in to a remote server in Chromium', () => {
  it('signs in on the page that opens, calls a tool, keeps the session on reload, and signs out', async () => {
    const s = await openWithGuarded('o1-sign-in');
    const { page } = s;
    const host = new URL(as!.origin).host;
    const signIn = page.getByRole('button', { name: `Sign in to ${host}` });
    await signIn.waitFor({ timeout: 20_000 });
    expect(await page.getByRole('status', { name: 'Sign-in needed' }).textContent()).toContain(host);
    await s.shot('needs-sign-in');

    const opening = page.context().waitForEvent('page');
    await signIn.click();
    const tab = await opening;
    await tab.getByRole('button', { name: 'Allow' }).waitFor({ timeout: 20_000 });
    expect(tab.url().startsWith(`${as!.origin}/authorize?`)).toBe(true);
    await tab.getByRole('button', { name: 'Allow' }).click();
    await tab.getByRole('heading', { name: 'Signed in' }).waitFor({ timeout: 20_000 });
    expect(await tab.textContent('body')).toContain('You can close this tab');
    await tab.screenshot({ path: path.join(artifactsDir, 'o1-sign-in', '01b-callback-tab.png') });
    await tab.close();

    await expect.poll(() => page.locator('.health').textContent(), { timeout: 20_000 }).toMatch(/1\/1 ready/);
    await page.getByText(`Signed in to ${host} as ada@example.test.`).waitFor({ timeout: 20_000 });
    await s.shot('signed-in');

    s.fake.enqueue(reply.toolUse('guarded__whoami', {}), reply.text('The server knows who you are.'));
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Who am I on the guarded server?');
    await composer.press('Enter');
    const card = page.locator('.tool-card').first();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    await card.locator('.tool-head').click();
    expect(await card.locator('.tool-result').textContent()).toContain('signed in as ada@example.test');
    await s.shot('tool-call');

    await s.reload();
    await expect.poll(() => page.locator('.health').textContent(), { timeout: 20_000 }).toMatch(/1\/1 ready/);
    await page.getByRole('button', { name: 'Servers', exact: true }).click();
    await page.getByRole('button', { name: /^guarded: / }).click();
    await page.getByText(`Signed in to ${host} as ada@example.test.`).waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'Sign out of guarded' }).click();
    await page.getByRole('button', { name: `Sign in to ${host}` }).waitFor({ timeout: 20_000 });
    expect(as!.revoked).toHaveLength(1);
    await s.shot('signed-out');
  });

  it('reads well in dark mode on a narrow window', async () => {
    const s = await openWithGuarded('o2-sign-in-dark', { colorScheme: 'dark', viewport: { width: 800, height: 700 } });
    await s.page.getByRole('button', { name: /^Sign in to / }).waitFor({ timeout: 20_000 });
    await s.shot('needs-sign-in-dark');
    await s.page.getByRole('button', { name: 'Settings', exact: true }).click();
    const field = s.page.getByLabel('Client ID Metadata Document URL');
    await field.fill('http://example.test/client.json');
    await s.page.getByRole('button', { name: 'Save sign-in settings' }).click();
    await s.page.getByText('An https URL with a path, or empty for none.').waitFor();
    await field.fill('https://example.test/oauth/switchboard.json');
    await s.page.getByRole('button', { name: 'Save sign-in settings' }).click();
    await s.page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await s.web.host.call('settings.get', {})).clientMetadataUrl).toBe('https://example.test/oauth/switchboard.json');
    await field.scrollIntoViewIfNeeded();
    await s.shot('settings-dark');
  });

  it("takes a machine client's secret on the server page and connects without a browser", async () => {
    as = await startOAuthFixture({ clients: [{ id: 'm2m', secret: 'typed-secret-0123456789', method: 'client_secret_basic' }] });
    const s = await open('o3-client-secret');
    const { page } = s;
    await s.web.host.call('servers.upsert', { name: 'batch', entry: { transport: 'http', url: as.mcpUrl } });
    const config = path.join(s.dataDir, 'config.json');
    const raw = JSON.parse(await readFile(config, 'utf8')) as { mcpServers: Record<string, Record<string, unknown>> };
    raw.mcpServers.batch!.oauth = { grant: 'client_credentials', clientId: 'm2m', clientSecretRef: 'batch', tokenEndpointAuthMethod: 'client_secret_basic' };
    await writeFile(config, JSON.stringify(raw, null, 2));
    await page.getByRole('button', { name: 'Servers', exact: true }).click();
    await page.getByRole('button', { name: /^batch: / }).click();
    // The sign-in set-up was edited on disk: it is approved with the server, so the server asks again first.
    const approval = page.getByRole('region', { name: 'Approve starting batch' });
    expect(await approval.getByLabel('Sign-in to approve').textContent({ timeout: 20_000 })).toBe(
      'Signs in with OAuth client credentials (no browser), client id m2m, authenticates by client_secret_basic, with a stored client secret',
    );
    await approval.getByRole('button', { name: 'Approve and start batch' }).click();
    await page.locator('.client-secret').getByText('not stored yet', { exact: true }).waitFor({ timeout: 20_000 });
    await s.shot('secret-missing');
    await page.getByLabel(/Client secret/).fill('typed-secret-0123456789');
    await page.getByRole('button', { name: 'Save secret' }).click();
    await expect.poll(() => page.locator('.health').textContent(), { timeout: 20_000 }).toMatch(/1\/1 ready/);
    await page.locator('.client-secret').getByText('stored', { exact: true }).waitFor();
    await page.getByText(/signs in to .* with this server's client credentials/).waitFor();
    expect(await page.content()).not.toContain('typed-secret-0123456789');
    await s.shot('secret-stored');
  });
});
