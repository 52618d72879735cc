// The launch approval dialog in Chromium: every env value shown, secrets as named masks, launcher env
// names flagged, and a real before/now diff after an on-disk change. Screenshots in light and dark, 1280 and 800 wide.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBin, serverBins } from '../support/paths.ts';
import type { Stack } from './stack.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();

const entry = (logLevel: string, token: string) => ({
  command: nodeBin,
  args: [serverBins.memory],
  env: { LOG_LEVEL: logLevel, GITHUB_TOKEN: token, npm_config_node_options: '--require ./preload.cjs' },
});

async function importAndOpen(s: Stack): Promise<void> {
  const { page } = s;
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Paste a config').fill(JSON.stringify({ mcpServers: { memory: entry('info', 'ghp_first_secret_value') } }, null, 2));
  await page.getByRole('button', { name: 'Import servers' }).click();
  const status = page.locator('.import-result');
  await status.getByText('moved to the secret store').waitFor({ timeout: 20_000 });
  expect(await status.textContent()).toContain('GITHUB_TOKEN');
  await s.shot('imported-secrets-moved');
  await page.getByRole('button', { name: 'Review and approve memory' }).click();
}

describe('launch approval dialog', () => {
  for (const variant of [
    { name: 'light-1280', viewport: { width: 1280, height: 800 }, colorScheme: 'light' as const },
    { name: 'dark-800', viewport: { width: 800, height: 900 }, colorScheme: 'dark' as const },
  ]) {
    it(`shows every env value, masks secrets, flags launcher settings and diffs a change (${variant.name})`, async () => {
      const s = await open(`launch-approval-${variant.name}`, { viewport: variant.viewport, colorScheme: variant.colorScheme });
      const { page } = s;
      await importAndOpen(s);
      const approval = page.getByRole('region', { name: 'Approve starting memory' });
      await approval.waitFor();
      const env = approval.getByRole('table', { name: 'Environment variables' });
      const row = (name: string) => env.getByRole('row').filter({ hasText: name });
      expect(await row('LOG_LEVEL').textContent()).toContain('info');
      expect(await row('GITHUB_TOKEN').textContent()).toContain('\u2039secret GITHUB_TOKEN\u203a');
      expect(await approval.textContent()).not.toContain('ghp_first_secret_value');
      expect(await row('npm_config_node_options').textContent()).toContain('--require ./preload.cjs');
      expect(await row('npm_config_node_options').textContent()).toContain('Changes what runs');
      expect(await approval.getByRole('note').textContent()).toContain('npm_config_node_options');
      await s.shot('dialog');

      await approval.getByRole('button', { name: 'Approve and start memory' }).click();
      await expect.poll(() => page.locator('.detail-title .status').textContent(), { timeout: 30_000 }).toBe('ready');

      await writeFile(path.join(s.dataDir, 'config.json'), JSON.stringify({ mcpServers: { memory: entry('debug', 'ghp_second_secret_value') } }, null, 2));
      const changed = page.getByRole('region', { name: 'Approve starting memory' });
      const diff = changed.getByRole('table', { name: 'What changed since you approved it' });
      await diff.waitFor({ timeout: 30_000 });
      expect(await changed.textContent()).toContain('Changed \u2014 review again');
      const diffRow = (name: string) => diff.getByRole('row').filter({ hasText: name });
      expect(await diffRow('env LOG_LEVEL').textContent()).toMatch(/info.*debug/);
      expect(await diffRow('env GITHUB_TOKEN').textContent()).toContain('(new value)');
      expect(await changed.textContent()).not.toMatch(/ghp_/);
      await s.shot('changed-diff');
    });
  }

  it('holds an imported remote URL until the person approves its URL and header names', async () => {
    const s = await open('launch-approval-remote', { viewport: { width: 1280, height: 800 } });
    const { page } = s;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const oauth = { clientId: 'switchboard-desktop', scopes: ['repo:read', 'issues:write'] };
    const json = {
      mcpServers: { far: { url: 'https://mcp.example.test/mcp', headers: { Authorization: 'Bearer pasted-remote-secret', 'X-Region': 'eu' }, oauth } },
    };
    await page.getByLabel('Paste a config').fill(JSON.stringify(json));
    await page.getByRole('button', { name: 'Import servers' }).click();
    await page.getByRole('button', { name: 'Review and approve far' }).click();
    const approval = page.getByRole('region', { name: 'Approve starting far' });
    await approval.waitFor();
    expect(await approval.getByLabel('URL to approve').textContent()).toBe('https://mcp.example.test/mcp');
    expect(await approval.textContent()).toContain('Authorization, X-Region');
    expect(await approval.textContent()).not.toContain('pasted-remote-secret');
    // How it signs in is approved with it: who it says it is and what it asks for.
    expect(await approval.getByLabel('Sign-in to approve').textContent()).toBe(
      'Signs in with OAuth in the browser, client id switchboard-desktop, scopes repo:read issues:write',
    );
    await s.shot('remote-dialog');
  });

  for (const variant of [
    { name: 'light-1280', viewport: { width: 1280, height: 800 }, colorScheme: 'light' as const },
    { name: 'dark-800', viewport: { width: 800, height: 900 }, colorScheme: 'dark' as const },
  ]) {
    it(`names a token hand-written into config.json and moves it to the secret store on request (${variant.name})`, async () => {
      const handWritten = {
        mcpServers: { memory: { command: nodeBin, args: [serverBins.memory], env: { GITHUB_TOKEN: 'ghp_hand_written_value', LOG_LEVEL: 'info' } } },
      };
      const s = await open(`inline-secrets-${variant.name}`, {
        viewport: variant.viewport,
        colorScheme: variant.colorScheme,
        beforeStart: (dir) => writeFile(path.join(dir, 'config.json'), JSON.stringify(handWritten, null, 2)),
      });
      const { page } = s;
      await page.getByRole('button', { name: 'Servers', exact: true }).first().click();
      // A narrow window hides the sidebar with the server list until it is shown.
      const entry = page.getByRole('button', { name: /^memory/ }).first();
      if (!(await entry.isVisible())) await page.getByRole('button', { name: 'Show sidebar' }).first().click();
      await entry.click();
      const warning = page.getByText('GITHUB_TOKEN is written in config.json in plain text.');
      await warning.waitFor({ timeout: 20_000 });
      expect(await page.locator('body').textContent()).not.toContain('ghp_hand_written_value');
      await s.shot('named');
      await page.getByRole('button', { name: 'Move the secrets of memory to the secret store' }).click();
      await expect.poll(() => warning.count(), { timeout: 20_000 }).toBe(0);
      const config = await readFile(path.join(s.dataDir, 'config.json'), 'utf8');
      expect(config).not.toContain('ghp_hand_written_value');
      expect(config).toMatch(/"GITHUB_TOKEN": "\$\{secret:/);
      expect(config).toContain('"LOG_LEVEL": "info"');
      await s.shot('moved');
    });
  }

  it('lets the person mark a value secret in the form, and keeps it out of config.json', async () => {
    const s = await open('launch-approval-form-secret', { viewport: { width: 1280, height: 800 } });
    const { page } = s;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Add a server' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('memory');
    await page.getByLabel('Command', { exact: true }).fill(nodeBin);
    await page.getByRole('button', { name: 'Add an argument' }).click();
    await page.getByLabel('Argument 1', { exact: true }).fill(serverBins.memory);
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('variable 1 name').fill('WORKSPACE');
    await page.getByLabel('variable 1 value').fill('acme-prod-workspace');
    await page.getByLabel('Keep variable WORKSPACE secret').check();
    await s.shot('form-secret-marked');
    await page.getByRole('button', { name: 'Add server' }).click();
    await expect.poll(() => page.locator('.server-form .status-line .status').textContent(), { timeout: 30_000 }).toBe('ready');
    const config = await readFile(path.join(s.dataDir, 'config.json'), 'utf8');
    expect(config).not.toContain('acme-prod-workspace');
    expect(config).toMatch(/"WORKSPACE": "\$\{secret:/);
  });
});
