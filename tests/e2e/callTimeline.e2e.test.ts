// The per-call timeline on a tool card in Chromium: the decision, waiting vs running, the size sent to
// Claude, and the raw JSON-RPC exchange with the server's secret masked; screenshots at 1280 and 800 px,
// light and dark.
import { describe, expect, it } from 'vitest';
import { nodeBin, serverBins } from '../support/paths.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();
const SECRET = 'tok-e2e-secret-9921';

describe('the tool card timeline', () => {
  it('shows who allowed the call, its times and size, and a raw view with secrets masked', async () => {
    const s = await open('call-timeline', { fake: { delayMs: 5 } });
    const { page } = s;
    await s.web.host.call('servers.upsert', {
      name: 'everything',
      entry: { transport: 'stdio', command: nodeBin, args: [serverBins.everything], env: { SERVICE_TOKEN: SECRET } },
    });
    await expect.poll(() => page.locator('.health').textContent(), { timeout: 20_000 }).toMatch(/1\/1 ready/);
    const composer = page.getByLabel('Message to Claude');
    await composer.fill(`Please use echo {"message": "token ${SECRET}"}`);
    await composer.press('Enter');
    const card = page.locator('.tool-card').first();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('awaiting-approval');
    await card.getByRole('button', { name: 'Allow everything / echo once' }).click();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    await page.locator('.msg-assistant .markdown', { hasText: 'The tool returned' }).first().waitFor({ timeout: 20_000 });

    await card.locator('.tool-head').click();
    const timeline = card.getByLabel('Timeline of this call');
    await timeline.waitFor();
    const facts = (await timeline.textContent()) ?? '';
    expect(facts).toMatch(/you allowed once at/);
    expect(facts).toMatch(/Waited for you/);
    expect(facts).toMatch(/Sent to Claude\d[\d.]* (bytes|KB) · about \d+ tokens?/);

    await card.scrollIntoViewIfNeeded();
    await s.shot('timeline');
    await card.locator('.tool-raw summary').click();
    const raw = card.getByRole('list', { name: 'JSON-RPC messages of this call' });
    await raw.waitFor();
    const text = (await raw.textContent()) ?? '';
    expect(text).toContain('"method": "tools/call"');
    expect(text).toContain('→ sent');
    expect(text).toContain('← received');
    expect(text).toContain('‹secret SERVICE_TOKEN›');
    expect(text).not.toContain(SECRET);

    await card.scrollIntoViewIfNeeded();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 800]) {
        await page.setViewportSize({ width, height: 800 });
        await card.locator('.tool-raw').scrollIntoViewIfNeeded();
        await s.shot(`raw-view-${width}-${scheme}`);
      }
    }
  });

  it('reads a denied call as denied', async () => {
    const s = await open('call-denied');
    const { page } = s;
    await s.web.host.call('servers.upsert', { name: 'everything', entry: { transport: 'stdio', command: nodeBin, args: [serverBins.everything] } });
    await expect.poll(() => page.locator('.health').textContent(), { timeout: 20_000 }).toMatch(/1\/1 ready/);
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Please use echo {"message": "no thanks"}');
    await composer.press('Enter');
    const card = page.locator('.tool-card').first();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('awaiting-approval');
    await card.getByRole('button', { name: /^Deny/ }).click();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('denied');
    expect(await card.locator('.tool-status').textContent()).toBe('denied');
    expect(await card.locator('.tool-denied').textContent()).toMatch(/You denied this call/);
    expect(await card.locator('.tool-error').count()).toBe(0);
    await s.shot('denied-card');
  });
});
