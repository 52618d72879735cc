// Installing from elsewhere, end to end in Chromium: the first-run import offer and install links.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { nodeBin, serverBins } from '../support/paths.ts';
import { startRegistryFixture } from '../support/registryFixture.ts';
import { buildBundle, greeterManifest } from '../support/bundleBuilder.ts';
import { strToU8 } from 'fflate';
import type { Page } from 'playwright-core';
import type { Stack } from './stack.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();

const memory = { command: nodeBin, args: [serverBins.memory] };
const link = (name: string, entry: object) => `switchboard://install?name=${name}&config=${encodeURIComponent(JSON.stringify(entry))}`;

async function plantClaudeDesktop(home: string): Promise<void> {
  const file = path.join(home, '.config', 'Claude', 'claude_desktop_config.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ mcpServers: { memory } }, null, 2));
}

/** Drops a file on the bundle drop zone, as a person dragging it from the file manager. */
async function dropBundle(page: Page, name: string, zip: Uint8Array): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, b64 }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
      return dt;
    },
    { name, b64: Buffer.from(zip).toString('base64') },
  );
  await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer });
}

async function openInstallRoute(s: Stack, installLink: string): Promise<void> {
  const origin = new URL(s.web.url).origin;
  await s.page.goto(`${origin}/install?link=${encodeURIComponent(installLink)}`);
}

describe('installing servers in Chromium', () => {
  for (const [scheme, width] of [
    ['light', 1280],
    ['dark', 800],
  ] as const) {
    it(`offers other apps' servers on first run; picked, approved, ready (${scheme}, ${width}px)`, async () => {
      const s = await open(`install-1-first-run-${scheme}-${width}`, {
        beforeStart: plantClaudeDesktop,
        colorScheme: scheme,
        viewport: { width, height: 800 },
      });
      const { page } = s;
      const offer = page.getByRole('dialog', { name: 'Bring your servers along?' });
      await offer.waitFor();
      expect(await offer.textContent()).toContain(serverBins.memory);
      await s.shot('offer');
      await offer.getByRole('button', { name: 'Import the picked servers' }).click();
      await offer.waitFor({ state: 'detached' });
      const approve = page.getByRole('button', { name: 'Approve and start memory' });
      await approve.waitFor();
      await s.shot('awaits-approval');
      await approve.click();
      // The server page says so (at 800 px the sidebar and its health summary are folded away).
      await page.getByText('ready', { exact: true }).first().waitFor({ timeout: 30_000 });
      expect((await s.web.host.call('servers.list', {})).find((v) => v.name === 'memory')?.state.kind).toBe('ready');
      await s.shot('ready');
    });
  }

  it('opens an install link on its review, installs on approval and reaches ready', async () => {
    const s = await open('install-2-link');
    const { page } = s;
    await openInstallRoute(s, link('memory', memory));
    const review = page.getByRole('dialog', { name: 'Install “memory”?' });
    await review.waitFor();
    expect(await review.getByLabel('What the link installs').textContent()).toContain(serverBins.memory);
    expect(await s.web.host.call('servers.list', {})).toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/');
    await s.shot('review');
    await review.getByRole('button', { name: 'Install and start memory' }).click();
    await review.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.health').textContent(), { timeout: 30_000 }).toMatch(/1\/1 ready/);
    await s.shot('ready');
  });

  it('takes a pasted VS Code or Cursor link in Settings → Install from a link, to the same review', async () => {
    const s = await open('install-2b-pasted-link', { viewport: { width: 800, height: 800 }, colorScheme: 'dark' });
    const { page } = s;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const box = page.getByLabel('Install link', { exact: true });
    await box.scrollIntoViewIfNeeded();
    await s.shot('paste-box');
    // Not a link: said in words, nothing saved.
    await box.fill('https://example.com/not-a-link');
    await page.getByRole('button', { name: 'Review the install link' }).click();
    const refused = page.getByRole('dialog', { name: 'This install link cannot be used' });
    await refused.getByText('Switchboard does not install from https:// links').waitFor();
    await s.shot('not-a-link');
    await refused.getByRole('button', { name: 'Close' }).click();
    await refused.waitFor({ state: 'detached' });
    // A Cursor link: reviewed, then dismissed.
    const cursor = `cursor://anysphere.cursor-deeplink/mcp/install?name=memory&config=${Buffer.from(JSON.stringify(memory)).toString('base64')}`;
    await box.fill(cursor);
    await page.getByRole('button', { name: 'Review the install link' }).click();
    const review = page.getByRole('dialog', { name: 'Install “memory”?' });
    await review.waitFor();
    expect(await review.textContent()).toContain('a Cursor install link');
    await review.getByRole('button', { name: 'Do not install memory' }).click();
    await review.waitFor({ state: 'detached' });
    expect(await s.web.host.call('servers.list', {})).toEqual([]);
    // A VS Code link: reviewed, installed and approved.
    await box.fill(`vscode:mcp/install?${encodeURIComponent(JSON.stringify({ name: 'memory', ...memory }))}`);
    await page.getByRole('button', { name: 'Review the install link' }).click();
    await review.waitFor();
    expect(await review.textContent()).toContain('a VS Code install link');
    expect(await review.getByLabel('What the link installs').textContent()).toContain(serverBins.memory);
    await s.shot('vscode-review');
    await review.getByRole('button', { name: 'Install and start memory' }).click();
    await review.waitFor({ state: 'detached' });
    await expect.poll(async () => (await s.web.host.call('servers.list', {})).map((v) => [v.name, v.launch.approved])).toEqual([['memory', true]]);
    // As after a link that opened the app: the new server's page.
    await page.getByRole('heading', { name: 'memory', level: 1 }).waitFor();
  });

  it('refuses a link whose definition was replaced between review and approval', async () => {
    const s = await open('install-3-link-changed');
    const { page } = s;
    await openInstallRoute(s, link('memory', memory));
    const review = page.getByRole('dialog', { name: 'Install “memory”?' });
    await review.waitFor();
    await s.shot('review-first');
    // A second link for the same name arrives while the first is on screen.
    await s.web.host.call('install.openLink', { link: link('memory', { command: nodeBin, args: ['-e', 'process.exit(3)'] }) });
    await review.getByText('1 more link waiting after this one.').waitFor();
    await review.getByRole('button', { name: 'Install and start memory' }).click();
    await review.getByRole('alert').filter({ hasText: 'A newer link for "memory" arrived after you reviewed this one' }).waitFor();
    await s.shot('refused');
    expect(await s.web.host.call('servers.list', {})).toEqual([]);
    await review.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByRole('dialog', { name: 'Install “memory”?' }).getByLabel('What the link installs').textContent()).toContain('process.exit(3)');
    await s.shot('newer-link-shown');
  });

  it('searches the registry, installs an npm entry with a secret env var, and waits for launch approval', async () => {
    const registry = await startRegistryFixture(undefined, 4);
    try {
      const s = await open('install-4-registry-dark-800', { colorScheme: 'dark', viewport: { width: 800, height: 800 } });
      const { page } = s;
      await s.web.host.call('registry.setUrl', { url: registry.url });
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      // Which registry is searched shows before any search, and can be changed there.
      const source = page.locator('.registry-source');
      await source.filter({ hasText: registry.url }).waitFor();
      await source.scrollIntoViewIfNeeded();
      await s.shot('registry-url');
      await page.getByRole('button', { name: 'Change the registry URL' }).click();
      expect(await page.getByLabel('Registry URL').inputValue()).toBe(registry.url);
      await page.getByRole('button', { name: 'Keep the current registry' }).click();
      await page.getByLabel('Registry search', { exact: true }).fill('weather');
      await page.getByRole('button', { name: 'Search the registry now' }).click();
      const list = page.getByRole('list', { name: 'Registry servers' });
      await list.waitFor();
      await expect.poll(() => list.getByRole('listitem').count()).toBe(4);
      expect(await list.getByRole('listitem', { name: 'io.github.example/old-weather' }).textContent()).toContain('deprecated');
      await list.scrollIntoViewIfNeeded();
      await s.shot('results');
      const row = list.getByRole('listitem', { name: 'io.github.user/local-weather' });
      await row.getByRole('button', { name: 'Install io.github.user/local-weather' }).click();
      expect(await row.getByLabel('What it installs').textContent()).toBe('npx -y @modelcontextprotocol/server-weather@1.0.0 --port 8080');
      await row.getByRole('button', { name: 'Add io.github.user/local-weather' }).click();
      await row.getByRole('alert').filter({ hasText: 'Fill in API_KEY: it is required.' }).waitFor();
      await row.getByLabel('API_KEY').fill('sk-weather-e2e');
      await s.shot('form-filled');
      await row.getByRole('button', { name: 'Add io.github.user/local-weather' }).click();
      await page.getByRole('status').filter({ hasText: 'Added local-weather.' }).waitFor();
      await s.shot('added');
      const configText = await readFile(path.join(s.dataDir, 'config.json'), 'utf8');
      const config = JSON.parse(configText);
      expect(config.mcpServers['local-weather']).toMatchObject({
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-weather@1.0.0', '--port', '8080'],
      });
      // The secret is in the secret store (web mode: secrets.json, 0600), config.json holds its reference.
      expect(configText).not.toContain('sk-weather-e2e');
      expect(config.mcpServers['local-weather'].env.API_KEY).toMatch(/^\$\{secret:[\w-]+\}$/);
      expect(await readFile(path.join(s.dataDir, 'secrets.json'), 'utf8')).toContain('sk-weather-e2e');
      await page.getByRole('button', { name: 'Review local-weather' }).click();
      await page.getByRole('button', { name: 'Approve and start local-weather' }).waitFor();
      expect(await page.locator('body').textContent()).not.toContain('sk-weather-e2e');
      await s.shot('awaits-approval');
    } finally {
      await registry.close();
    }
  });

  it('says so when the registry is offline, without a spinner', async () => {
    const registry = await startRegistryFixture();
    await registry.close();
    const s = await open('install-5-registry-offline');
    const { page } = s;
    await s.web.host.call('registry.setUrl', { url: registry.url });
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Search the registry now' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `Could not reach the registry at ${registry.url}` })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Search the registry now' }).textContent()).toBe('Search');
    await s.shot('offline');
    // With no page loaded the person can still change it.
    await page.getByRole('button', { name: 'Change the registry URL' }).click();
    expect(await page.getByLabel('Registry URL').inputValue()).toBe(registry.url);
  });

  it('installs a bundle picked from a file: review, settings, approve, ready', async () => {
    const s = await open('install-6-bundle');
    const { page } = s;
    const file = path.join(s.dataDir, 'greeter.mcpb');
    const zip = buildBundle();
    await writeFile(file, zip);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Bundle file', { exact: true }).setInputFiles(file);
    const review = page.getByRole('dialog', { name: 'Install Greeter 1.0.0?' });
    await review.waitFor();
    expect(await review.getByLabel('What the bundle runs').textContent()).toBe(
      `node ${path.join(s.dataDir, 'bundles', 'greeter', `1.0.0-${createHash('sha256').update(zip).digest('hex').slice(0, 12)}`)}/server/index.js`,
    );
    await review.getByLabel('API token').fill('tok-e2e');
    await s.shot('review');
    await review.getByRole('button', { name: 'Install Greeter', exact: true }).click();
    await review.waitFor({ state: 'detached' });
    const approve = page.getByRole('button', { name: 'Approve and start greeter' });
    await approve.waitFor();
    await s.shot('awaits-approval');
    await approve.click();
    await expect.poll(() => page.locator('.health').textContent(), { timeout: 30_000 }).toMatch(/1\/1 ready/);
    await s.shot('ready');
  });

  it('refuses a dropped bundle that climbs out of its folder, and opens a good one dropped next', async () => {
    const s = await open('install-7-bundle-drop');
    const { page } = s;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await dropBundle(page, 'evil.mcpb', buildBundle(greeterManifest(), { '../../escaped.js': strToU8('pwned') }));
    await page.getByRole('alert').filter({ hasText: 'climbs out of the bundle' }).waitFor();
    await page.locator('.drop-zone').scrollIntoViewIfNeeded();
    await s.shot('refused');
    await dropBundle(page, 'greeter.mcpb', buildBundle());
    await page.getByRole('dialog', { name: 'Install Greeter 1.0.0?' }).waitFor();
    await s.shot('dropped-review');
  });
});
