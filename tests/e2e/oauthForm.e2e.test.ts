// The Sign-in section of the server form in Chromium: a remote server's sign-in set-up typed into the form
// (no hand edit of config.json), checked in words, and used by the host to sign in to the local authorization
// server: client credentials with a typed secret (no browser), and a browser sign-in as a pre-registered client.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startEnterpriseIdp, type EnterpriseIdpFixture } from '../fixtures/enterpriseIdp.ts';
import { startOAuthFixture, type OAuthFixture } from '../fixtures/oauthServer.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();
let as: OAuthFixture | undefined;
let idp: EnterpriseIdpFixture | undefined;
afterEach(async () => {
  await as?.close();
  await idp?.close();
  as = undefined;
  idp = undefined;
});

async function remoteForm(page: Page, name: string, url: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Add a server' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('radio', { name: 'Remote URL (HTTP)' }).click();
  await page.getByLabel('URL', { exact: true }).fill(url);
}

describe('the sign-in set-up in the server form', () => {
  it('takes client credentials in the form, says what is missing, stores the secret and connects without a browser', async () => {
    as = await startOAuthFixture({ clients: [{ id: 'm2m', secret: 'typed-secret-0123456789', method: 'client_secret_basic' }] });
    const s = await open('of1-client-credentials');
    const { page } = s;
    await remoteForm(page, 'batch', as.mcpUrl);
    const section = page.locator('details.signin-setup');
    expect(await section.getAttribute('open')).toBeNull();
    await s.shot('section-closed');
    await section.locator('summary').click();
    await page.getByLabel('How to sign in').selectOption('client_credentials');
    await page.getByRole('button', { name: 'Add server' }).click();
    expect(await page.locator('#srv-oauth-client-error').textContent()).toBe('Client credentials need the client id the authorization server gave you.');
    expect(await page.locator('#srv-oauth-secret-error').textContent()).toBe('Client credentials need the client secret.');
    await section.scrollIntoViewIfNeeded();
    await s.shot('section-errors');

    await page.getByLabel('Client ID').fill('m2m');
    await page.getByLabel('Client authentication').selectOption('client_secret_basic');
    await page.getByLabel('Client secret').fill('typed-secret-0123456789');
    await page.getByLabel('Scopes (optional)').fill('mcp');
    await s.shot('section-filled');
    await page.getByRole('button', { name: 'Add server' }).click();
    await expect.poll(() => page.locator('.server-form .status-line .status').textContent(), { timeout: 20_000 }).toBe('ready');
    const sent = as.tokenRequests.at(-1)!;
    expect(sent.params.get('grant_type')).toBe('client_credentials');
    expect(sent.authorization).toBe(`Basic ${Buffer.from('m2m:typed-secret-0123456789').toString('base64')}`);
    const config = await readFile(path.join(s.dataDir, 'config.json'), 'utf8');
    expect(JSON.parse(config).mcpServers.batch.oauth).toEqual({
      grant: 'client_credentials',
      clientId: 'm2m',
      clientSecretRef: 'batch',
      scopes: ['mcp'],
      tokenEndpointAuthMethod: 'client_secret_basic',
    });
    expect(config).not.toContain('typed-secret-0123456789');
    expect(await page.content()).not.toContain('typed-secret-0123456789');
    // The saved form shows the stored secret without its value.
    await page.locator('details.signin-setup summary').click();
    expect(await page.getByLabel('Client secret').inputValue()).toBe('');
    expect(await page.locator('#srv-oauth-secret-hint').textContent()).toBe('A secret is stored. Type a new one to replace it.');
    await s.shot('saved-ready');
  });

  it('signs in in a browser as the pre-registered client typed in the form (dark, narrow)', async () => {
    as = await startOAuthFixture({ discovery: 'header', clients: [{ id: 'desk-app', method: 'none' }] });
    const s = await open('of2-browser-client-id', { colorScheme: 'dark', viewport: { width: 800, height: 900 } });
    const { page } = s;
    await remoteForm(page, 'guarded', as.mcpUrl);
    await page.locator('details.signin-setup summary').click();
    await page.getByLabel('Client ID').fill('desk-app');
    await page.getByLabel('Client authentication').selectOption('none');
    await page.getByLabel('Scopes (optional)').fill('mcp');
    await page.locator('details.signin-setup').scrollIntoViewIfNeeded();
    await s.shot('section-dark');
    await page.getByRole('button', { name: 'Add server' }).click();
    await expect.poll(() => page.locator('.server-form .status-line .status').textContent(), { timeout: 20_000 }).toMatch(/sign/i);

    const start = await s.web.host.call('servers.signIn', { server: 'guarded' });
    expect(start.kind).toBe('open');
    const authorize = new URL(start.kind === 'open' ? start.url : '');
    expect(authorize.searchParams.get('client_id')).toBe('desk-app');
    expect(authorize.searchParams.get('scope')).toBe('mcp');
    const back = await as.approve(authorize.href);
    expect(back.status).toBe(200);
    await expect.poll(() => page.locator('.server-form .status-line .status').textContent(), { timeout: 20_000 }).toBe('ready');
    expect(as.registrations).toEqual([]);
    expect(as.tokenRequests.at(-1)!.params.get('client_id')).toBe('desk-app');
    await s.shot('signed-in-dark');
  });

  it("signs in through the organization's identity provider set in Settings, with no browser", async () => {
    idp = await startEnterpriseIdp({ mcpClientId: 'corp-client' });
    as = await startOAuthFixture({
      clients: [{ id: 'corp-client', secret: 'corp-secret-0123456789', method: 'client_secret_basic' }],
      trustedIdp: { issuer: idp.issuer, publicKey: idp.publicKey },
    });
    const s = await open('of3-enterprise');
    const { page } = s;
    const idToken = await idp.idToken('ada');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const form = page.getByRole('form', { name: "Your organization's identity provider" });
    await form.getByLabel('Issuer URL').fill('not a url');
    await form.getByRole('button', { name: 'Save identity provider' }).click();
    expect(await page.locator('#idp-issuer-error').textContent()).toBe("Give the identity provider's issuer URL, e.g. https://login.example.com.");
    await form.getByLabel('Issuer URL').fill(idp.issuer);
    await form.getByLabel('Client ID at the identity provider').fill(idp.clientId);
    await form.getByLabel('Client secret (optional)').fill(idp.clientSecret);
    await form.getByLabel('Your ID token').fill(idToken);
    await form.getByRole('button', { name: 'Save identity provider' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await page.locator('#idp-idToken-hint').textContent()).toBe('An ID token is stored. Paste a new one when it expires.');
    await form.scrollIntoViewIfNeeded();
    await s.shot('settings-idp');

    await page.getByRole('button', { name: 'Add a server' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('corp');
    await page.getByRole('radio', { name: 'Remote URL (HTTP)' }).click();
    await page.getByLabel('URL', { exact: true }).fill(as.mcpUrl);
    await page.locator('details.signin-setup summary').click();
    await page.getByLabel('How to sign in').selectOption('enterprise');
    await page.getByLabel('Client ID').fill('corp-client');
    await page.getByLabel('Client authentication').selectOption('client_secret_basic');
    await page.getByLabel('Client secret').fill('corp-secret-0123456789');
    await page.locator('details.signin-setup').scrollIntoViewIfNeeded();
    await s.shot('section-enterprise');
    await page.getByRole('button', { name: 'Add server' }).click();
    await expect.poll(() => page.locator('.server-form .status-line .status').textContent(), { timeout: 20_000 }).toBe('ready');
    expect(idp.exchanges.at(-1)!.get('subject_token')).toBe(idToken);
    expect(as.tokenRequests.at(-1)!.params.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(await page.content()).not.toContain(idToken);
  });
});
