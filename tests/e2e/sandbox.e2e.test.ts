// A local server's sandbox in Chromium: the policy in the launch approval, the refusals on the server page with
// "Allow this", and the wider policy waiting for approval again. Screenshots light and dark, 1280 and 800 wide.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, nodeBin } from '../support/paths.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();

describe('the sandbox on the server page', () => {
  for (const variant of [
    { name: 'light-1280', viewport: { width: 1280, height: 900 }, colorScheme: 'light' as const },
    { name: 'dark-1280', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' as const },
    { name: 'light-800', viewport: { width: 800, height: 1000 }, colorScheme: 'light' as const },
    { name: 'dark-800', viewport: { width: 800, height: 1000 }, colorScheme: 'dark' as const },
  ]) {
    it(`shows the policy for approval, the refusals in words, and asks again after "Allow this" (${variant.name})`, async () => {
      let home = '';
      const s = await open(`sandbox-${variant.name}`, {
        viewport: variant.viewport,
        colorScheme: variant.colorScheme,
        beforeStart: async (h) => {
          home = h;
          await mkdir(path.join(h, '.ssh'), { recursive: true });
          await writeFile(path.join(h, '.ssh', 'id_rsa'), 'CANARY');
        },
      });
      const { page } = s;
      const hostile = {
        command: nodeBin,
        args: [
          path.join(fixturesDir, 'hostile-sandbox.mjs'),
          '--read',
          path.join(home, '.ssh', 'id_rsa'),
          '--write',
          path.join(path.dirname(home), 'outside.txt'),
        ],
      };
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByLabel('Paste a config').fill(JSON.stringify({ mcpServers: { hostile } }, null, 2));
      await page.getByRole('button', { name: 'Import servers' }).click();
      await page.getByRole('button', { name: 'Review and approve hostile' }).click();
      const approval = page.getByRole('region', { name: 'Approve starting hostile' });
      await approval.waitFor();
      expect(await approval.getByLabel('Sandbox to approve').textContent()).toContain('network: none');
      await s.shot('approval-with-policy');

      await approval.getByRole('button', { name: 'Approve and start hostile' }).click();
      const refusals = page.getByRole('list', { name: 'What the sandbox refused hostile' });
      await refusals.getByText('blocked reading ~/.ssh/id_rsa').waitFor({ timeout: 30_000 });
      await refusals.getByText(/^blocked writing .*outside\.txt$/).waitFor({ timeout: 30_000 });
      await page.getByRole('heading', { name: 'Sandbox' }).scrollIntoViewIfNeeded();
      await s.shot('refusals');

      await page.getByRole('button', { name: 'Allow this: blocked reading ~/.ssh/id_rsa' }).click();
      const again = page.getByRole('region', { name: 'Approve starting hostile' });
      const diff = again.getByRole('table', { name: 'What changed since you approved it' });
      await diff.waitFor({ timeout: 30_000 });
      expect(await diff.getByRole('row').filter({ hasText: 'Sandbox' }).textContent()).toContain('also reads: ~/.ssh/id_rsa');
      await again.scrollIntoViewIfNeeded();
      await s.shot('allow-asks-again');
    });
  }

  for (const variant of [
    { name: 'light-1280', viewport: { width: 1280, height: 900 }, colorScheme: 'light' as const },
    { name: 'dark-800', viewport: { width: 800, height: 1000 }, colorScheme: 'dark' as const },
  ]) {
    it(`says "not sandboxed" and why where there is no sandbox, and the person chooses (${variant.name})`, async () => {
      // A PATH without bwrap, socat and rg: the sandbox cannot start (the server's command is a full path).
      const s = await open(`sandbox-unavailable-${variant.name}`, {
        viewport: variant.viewport,
        colorScheme: variant.colorScheme,
        env: { PATH: '/nonexistent' },
      });
      const { page } = s;
      const plain = { command: nodeBin, args: [path.join(fixturesDir, 'print-env.mjs')] };
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByLabel('Paste a config').fill(JSON.stringify({ mcpServers: { plain } }, null, 2));
      await page.getByRole('button', { name: 'Import servers' }).click();
      await page.getByRole('button', { name: 'Review and approve plain' }).click();
      await page.getByRole('region', { name: 'Approve starting plain' }).getByRole('button', { name: 'Approve and start plain' }).click();
      const status = page.getByRole('status').filter({ hasText: 'Not sandboxed' });
      await status.waitFor({ timeout: 30_000 });
      expect(await status.textContent()).toContain('The sandbox needs bwrap (install bubblewrap), socat (install socat), rg (install ripgrep)');
      await page.getByRole('heading', { name: 'Sandbox' }).scrollIntoViewIfNeeded();
      await s.shot('not-sandboxed');

      await status.getByRole('button', { name: 'Run without a sandbox' }).click();
      const again = page.getByRole('region', { name: 'Approve starting plain' });
      await again.getByRole('table', { name: 'What changed since you approved it' }).waitFor({ timeout: 30_000 });
      expect(await again.getByLabel('Sandbox to approve').textContent()).toContain('not sandboxed: it runs with your full rights');
      await s.shot('unsandboxed-asks');
      await again.getByRole('button', { name: 'Approve and start plain' }).click();
      await expect.poll(() => page.locator('.detail-title .status').textContent(), { timeout: 30_000 }).toBe('ready');
      await page.getByRole('heading', { name: 'Sandbox' }).scrollIntoViewIfNeeded();
      await s.shot('running-unsandboxed');
    });
  }
});
