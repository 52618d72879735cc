// The server page says which protocol era and revision a server was spoken to in.
import { describe, expect, it } from 'vitest';
import { startEraServer } from '../fixtures/eraServer.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();

describe('the server page', () => {
  it('shows the revision and era agreed with a 2026-07-28 server', async () => {
    const s = await open('protocol-era');
    const { page } = s;
    const era = await startEraServer('2026');
    try {
      await s.web.host.call('servers.upsert', { name: 'modern', entry: { transport: 'http', url: era.url } });
      await page.getByRole('button', { name: 'Servers', exact: true }).click();
      const row = page.getByRole('button', { name: /^modern: / });
      await expect.poll(() => row.getAttribute('aria-label'), { timeout: 20_000 }).toBe('modern: ready');
      await row.click();
      const protocol = page.locator('dl.facts dt', { hasText: 'Protocol' }).locator('xpath=following-sibling::dd[1]');
      await protocol.waitFor();
      expect(await protocol.textContent()).toBe('2026-07-28 · 2026 era (stateless, server/discover)');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of [1280, 800]) {
          await page.setViewportSize({ width, height: 800 });
          await s.shot(`era-${width}-${scheme}`);
        }
      }
    } finally {
      await era.close();
    }
  }, 120_000);
});
