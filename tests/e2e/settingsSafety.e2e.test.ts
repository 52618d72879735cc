// Settings defences in Chromium: an http:// API base URL to another host is refused with the
// reason at the field, and the Web access card reads well in dark mode on a narrow window.
// Screenshots go to test-artifacts/e2e/23-*/.
import { describe, expect, it } from 'vitest';
import { useStacks } from './suite.ts';

const { open } = useStacks();

describe('Settings safety in Chromium', () => {
  it('refuses a plain-http API base URL to another host and says why at the field', async () => {
    const s = await open('23-base-url-http', { viewport: { width: 800, height: 900 }, colorScheme: 'dark' });
    const { page } = s;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const field = page.getByLabel('API base URL');
    // Nothing to save until something differs from what is saved.
    expect(await page.getByRole('button', { name: 'Save model settings' }).isDisabled()).toBe(true);
    await field.fill('http://gateway.example.com');
    await page.getByRole('button', { name: 'Save model settings' }).click();
    await expect.poll(() => page.getByText(/unencrypted to gateway\.example\.com/).count()).toBeGreaterThan(0);
    await field.scrollIntoViewIfNeeded();
    await s.shot('refused-at-field');
    expect((await s.web.host.call('settings.get', {})).baseUrl).not.toBe('http://gateway.example.com');

    await field.fill('http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Save model settings' }).click();
    await expect.poll(async () => (await s.web.host.call('settings.get', {})).baseUrl).toBe('http://127.0.0.1:9');
    // Saved: the form matches what is saved again, so Save rests until the next change.
    await expect.poll(() => page.getByRole('button', { name: 'Save model settings' }).isDisabled()).toBe(true);

    const card = page.getByRole('region', { name: 'Web access' });
    await card.scrollIntoViewIfNeeded();
    await card.getByRole('button', { name: 'Copy a one-time link' }).click();
    await card.getByLabel('One-time sign-in link').waitFor();
    await s.shot('web-access-dark-narrow');
  });
});
