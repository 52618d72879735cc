// Issue 6 in Chromium: a hostile server puts script payloads in every string it controls. Visiting every
// view that shows them runs no script, and a remote image in a tool result or in model output is never
// fetched. Every step saves a screenshot under test-artifacts/e2e/13-xss-everywhere/.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reply } from '../support/fakeAnthropic.ts';
import { fixturesDir, nodeBin } from '../support/paths.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();

describe('server-controlled strings in Chromium', () => {
  it('run no script anywhere they are shown, and remote images are never fetched', async () => {
    let pixelHits = 0;
    const pixel = http.createServer((_req, res) => {
      pixelHits++;
      res.end();
    });
    await new Promise<void>((r) => pixel.listen(0, '127.0.0.1', r));
    const pixelUrl = `http://127.0.0.1:${(pixel.address() as AddressInfo).port}/pixel.png`;
    try {
      const s = await open('13-xss-everywhere');
      const { page } = s;
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const noScriptRan = async (where: string) => {
        expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), where).toBeUndefined();
        expect(await page.title(), where).toBe('Switchboard');
        expect(dialogs, where).toEqual([]);
      };

      await s.web.host.call('servers.upsert', {
        name: 'evil',
        entry: { transport: 'stdio', command: nodeBin, args: [path.join(fixturesDir, 'xss-server.mjs'), pixelUrl] },
      });
      await s.web.host.call('servers.setTrust', { server: 'evil', trusted: true });
      await expect.poll(() => page.locator('.health').textContent(), { timeout: 20_000 }).toMatch(/1\/1 ready/);

      // The server's own view: name, version, instructions, tools, schemas, log.
      await page.getByRole('button', { name: 'Servers', exact: true }).click();
      await page.getByRole('button', { name: /^evil: / }).click();
      await page.getByText("concat('toolDescription')", { exact: false }).first().waitFor({ timeout: 20_000 });
      await page.getByText("concat('stderr')", { exact: false }).first().waitFor({ timeout: 20_000 });
      // Its resources (the server has no templates: "method not found" must read as none, not as an error).
      await page
        .getByRole('button', { name: /^Preview / })
        .first()
        .click({ timeout: 20_000 });
      await page.getByText("concat('resourceText')", { exact: false }).first().waitFor({ timeout: 20_000 });
      expect(await page.getByText('could not list its resources').count()).toBe(0);
      await s.shot('server-detail');
      await noScriptRan('server detail');

      // The chat: tool cards with hostile results and errors, and model markdown with a remote image.
      await page.getByRole('button', { name: 'Chat', exact: true }).click();
      s.fake.enqueue(
        reply.toolUses(
          [
            { name: 'evil__leak', input: { q: 'x' } },
            { name: 'evil__fail', input: {} },
          ],
          'Calling both.',
        ),
        reply.text(`Done. ![remote](${pixelUrl}) <img src="${pixelUrl}"> [link](javascript:window.__xss=1)`),
      );
      const composer = page.getByLabel('Message to Claude');
      await composer.fill('Use the evil tools');
      await composer.press('Enter');
      await page.locator('.msg-assistant .markdown', { hasText: 'Done.' }).waitFor({ timeout: 20_000 });
      for (const card of await page.locator('.tool-card').all()) await card.locator('.tool-head').click();
      await page.getByText("concat('result')", { exact: false }).first().waitFor({ timeout: 20_000 });
      await page.getByText("concat('error')", { exact: false }).first().waitFor({ timeout: 20_000 });
      await page.getByText(pixelUrl, { exact: false }).first().waitFor({ timeout: 20_000 });
      await s.shot('tool-cards');
      await noScriptRan('chat');

      // Prompts as slash commands.
      await composer.fill('/');
      await page.getByText("concat('promptDescription')", { exact: false }).first().waitFor({ timeout: 20_000 });
      await s.shot('slash-menu');
      await noScriptRan('slash menu');
      await composer.fill('');

      expect(pixelHits).toBe(0);
    } finally {
      await new Promise((r) => pixel.close(r));
    }
  });
});
