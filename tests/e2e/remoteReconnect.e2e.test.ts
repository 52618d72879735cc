// A remote server that dies shows as "reconnecting" with the reason and the next attempt, then ready again.
import { describe, expect, it } from 'vitest';
import { startEverythingHttp } from '../support/everythingHttp.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();

describe('a remote server that dies', () => {
  it('is shown reconnecting with the reason, and ready again when it is back', async () => {
    const s = await open('remote-reconnect');
    const { page } = s;
    let server = await startEverythingHttp();
    const port = Number(new URL(server.url).port);
    try {
      await s.web.host.call('servers.upsert', { name: 'far', entry: { transport: 'http', url: server.url } });
      await page.getByRole('button', { name: 'Servers', exact: true }).click();
      const row = page.getByRole('button', { name: /^far: / });
      await expect.poll(() => row.getAttribute('aria-label'), { timeout: 20_000 }).toBe('far: ready');
      await row.click();

      await server.close();
      await expect.poll(() => row.getAttribute('aria-label'), { timeout: 20_000 }).toBe('far: reconnecting');
      const callout = page.locator('.callout-warn');
      await callout.waitFor();
      expect(await callout.textContent()).toMatch(/Lost the connection at .*; reconnecting\./);
      expect(await callout.textContent()).toMatch(/Could not reach far at/);
      expect(await callout.locator('code').first().textContent()).toBe('far');
      // The sidebar's health summary counts it too.
      const health = page.locator('.health');
      expect(await health.textContent()).toMatch(/1 reconnecting/);
      expect(await health.getAttribute('aria-label')).toMatch(/^0 of 1 server ready, 0 tools enabled, 1 reconnecting\./);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of [1280, 800]) {
          await page.setViewportSize({ width, height: 800 });
          await s.shot(`reconnecting-${width}-${scheme}`);
        }
      }
      // Below 900 px the sidebar (and the server list in it) hides behind the rail: widen again to watch the row.
      await page.setViewportSize({ width: 1280, height: 800 });

      server = await startEverythingHttp(port);
      await expect.poll(() => row.getAttribute('aria-label'), { timeout: 60_000 }).toBe('far: ready');
      await s.shot('back');
    } finally {
      await server.close();
    }
  }, 120_000);
});
