// The client side of MCP end to end: server-everything over stdio asks for sampling and elicitation,
// offers prompts as slash commands and resources to attach. Real web mode, the fake Anthropic API,
// Debian's Chromium. Every step saves a screenshot under test-artifacts/e2e/<scenario>/.
import { describe, expect, it } from 'vitest';
import { reply } from '../support/fakeAnthropic.ts';
import { nodeBin, serverBins } from '../support/paths.ts';
import type { Stack, StackOptions } from './stack.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();

/** A stack with server-everything ready and trusted, so its tools run without asking. */
async function openWithEverything(name: string, options?: StackOptions): Promise<Stack> {
  const s = await open(name, options);
  await s.web.host.call('servers.upsert', { name: 'everything', entry: { transport: 'stdio', command: nodeBin, args: [serverBins.everything] } });
  await s.web.host.call('servers.setTrust', { server: 'everything', trusted: true });
  await expect.poll(() => s.page.locator('.health').textContent(), { timeout: 20_000 }).toMatch(/1\/1 ready/);
  return s;
}

const SAMPLING_SYSTEM = 'You are a helpful test server.';

describe('the MCP client protocol in Chromium', () => {
  it("asks before a server samples, sends the person's edits, and logs the request", async () => {
    const s = await openWithEverything('p1-sampling', { colorScheme: 'dark' });
    const { page } = s;
    s.fake.enqueue(
      reply.toolUse('everything__trigger-sampling-request', { prompt: 'Write a haiku about switchboards', maxTokens: 60 }),
      reply.text('Wires hum softly, calls find their way home.'),
      reply.text('The server got its haiku.'),
    );
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Ask the server to sample');
    await composer.press('Enter');
    const dialog = page.getByRole('dialog', { name: /everything asks Claude/ });
    await dialog.waitFor({ timeout: 20_000 });
    expect(await dialog.textContent()).toContain('Write a haiku about switchboards');
    expect(await dialog.textContent()).toContain(SAMPLING_SYSTEM);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Deny');
    await s.shot('consent');
    await dialog.getByRole('button', { name: 'Edit the request before approving' }).click();
    await dialog.getByLabel('Message 1 text').fill('Write a haiku about patch cables');
    await dialog.getByLabel('Max tokens').fill('40');
    await s.shot('editing');
    await dialog.getByRole('button', { name: 'Approve the edited request' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
    const card = page.locator('.tool-card').first();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    await page.locator('.msg-assistant .markdown', { hasText: 'The server got its haiku.' }).waitFor({ timeout: 20_000 });
    const sampled = s.fake.requests.find((r) => !r.rejected && r.body?.system === SAMPLING_SYSTEM);
    expect(sampled?.body.max_tokens).toBe(40);
    expect(JSON.stringify(sampled?.body.messages)).toContain('patch cables');
    await card.locator('.tool-head').click();
    expect(await card.locator('.tool-result').textContent()).toContain('Wires hum softly');
    await s.shot('answered');
    await page.getByRole('button', { name: 'Servers', exact: true }).click();
    const log = page.getByRole('list', { name: 'Sampling requests from everything' });
    await log.waitFor();
    expect(await log.textContent()).toContain('approved after edits');
    await log.locator('summary').first().click();
    await log.getByText('Wires hum softly').waitFor();
    await page.getByRole('heading', { name: /Sampling/ }).scrollIntoViewIfNeeded();
    await s.shot('sampling-log');
  });

  it("fills a server's form from its schema with defaults, shows problems at the fields, and sends the answers", async () => {
    const s = await openWithEverything('p2-elicitation', { viewport: { width: 1024, height: 700 } });
    const { page } = s;
    s.fake.enqueue(reply.toolUse('everything__trigger-elicitation-request', {}), reply.text('Thanks, the server has your answers.'));
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Let the server ask me something');
    await composer.press('Enter');
    const dialog = page.getByRole('dialog', { name: /everything needs some answers/ });
    await dialog.waitFor({ timeout: 20_000 });
    expect(await dialog.getByLabel('String with default').inputValue()).toBe('It was a dark and stormy night.');
    expect(await dialog.getByLabel('Integer').inputValue()).toBe('42');
    expect(await dialog.getByLabel('Titled Single Select Enum', { exact: true }).inputValue()).toBe('hero-1');
    await s.shot('form');
    await dialog.getByRole('button', { name: 'Send answers to everything' }).click();
    await dialog.locator('.field-error', { hasText: 'required' }).waitFor();
    await dialog.getByRole('textbox', { name: 'String', exact: true }).scrollIntoViewIfNeeded();
    await s.shot('required-missing');
    await dialog.getByRole('textbox', { name: 'String', exact: true }).fill('Ada Lovelace');
    await dialog.getByLabel('String with email format').fill('ada@example.com');
    await dialog.getByLabel('String with uri format').fill('https://[not-a-host');
    await dialog.getByRole('checkbox', { name: 'Boolean' }).check();
    await dialog.getByRole('checkbox', { name: 'Piano' }).check();
    await dialog.getByRole('button', { name: 'Send answers to everything' }).click();
    const uriError = dialog.locator('.field-error', { hasText: /URL/ });
    await uriError.waitFor({ timeout: 10_000 });
    await uriError.scrollIntoViewIfNeeded();
    await s.shot('server-rejected-field');
    await dialog.getByLabel('String with uri format').fill('https://ada.example.com');
    await dialog.getByRole('button', { name: 'Send answers to everything' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
    const card = page.locator('.tool-card').first();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    await page.locator('.msg-assistant .markdown', { hasText: 'Thanks, the server has your answers.' }).waitFor({ timeout: 20_000 });
    await card.locator('.tool-head').click();
    const result = await card.locator('.tool-result').textContent();
    expect(result).toContain('- Name: Ada Lovelace');
    expect(result).toContain('- Homepage: https://ada.example.com');
    expect(result).toContain('- Favorite Integer: 42');
    await s.shot('answered');

    const url = 'https://auth.example.com/authorize?client=switchboard&state=e2e-123';
    s.fake.enqueue(
      reply.toolUse('everything__trigger-url-elicitation', { url, message: 'Sign in to finish setting up.' }),
      reply.text('You chose not to sign in.'),
    );
    await composer.fill('Now send me to a sign-in page');
    await composer.press('Enter');
    const urlDialog = page.getByRole('dialog', { name: /everything wants you to open a page/ });
    await urlDialog.waitFor({ timeout: 20_000 });
    expect(await urlDialog.getByLabel('Full address').textContent()).toBe(url);
    expect(await urlDialog.locator('.url-host').textContent()).toBe('auth.example.com');
    await s.shot('url-request');
    await urlDialog.getByRole('button', { name: 'Decline to open the page from everything' }).click();
    await urlDialog.waitFor({ state: 'detached', timeout: 20_000 });
    await page.locator('.msg-assistant .markdown', { hasText: 'You chose not to sign in.' }).waitFor({ timeout: 20_000 });
    expect(page.context().pages()).toHaveLength(1);
  });

  it('runs a prompt as a slash command with suggested arguments', async () => {
    const s = await openWithEverything('p3-slash-prompt');
    const { page } = s;
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('/');
    const menu = page.getByRole('listbox', { name: 'Prompts' });
    await menu.waitFor({ timeout: 20_000 });
    await expect.poll(() => menu.getByRole('option').count(), { timeout: 10_000 }).toBeGreaterThan(2);
    await s.shot('slash-menu');
    await composer.pressSequentially('team');
    await expect.poll(() => menu.getByRole('option').first().textContent()).toContain('completable-prompt');
    await composer.press('ArrowDown');
    await composer.press('ArrowUp');
    await composer.press('Enter');
    const form = page.getByRole('form', { name: 'Arguments for the prompt everything / completable-prompt' });
    await form.waitFor();
    await page.keyboard.type('Eng');
    await form.getByRole('button', { name: 'Use Engineering for department' }).click();
    await form.getByLabel('name').focus();
    await form.getByRole('button', { name: 'Use Bob for name' }).waitFor({ timeout: 10_000 });
    await s.shot('arguments-with-suggestions');
    await form.getByRole('button', { name: 'Use Bob for name' }).click();
    s.fake.enqueue(reply.text('Bob will lead Engineering well.'));
    await form.getByRole('button', { name: 'Run the prompt completable-prompt' }).click();
    const inserted = page.locator('.msg-user', { hasText: 'Please promote Bob to the head of the Engineering team.' });
    await inserted.waitFor({ timeout: 20_000 });
    expect(await inserted.locator('.prompt-marker').textContent()).toContain('everything/completable-prompt');
    await page.locator('.msg-assistant .markdown', { hasText: 'Bob will lead Engineering well.' }).waitFor({ timeout: 20_000 });
    const sent = s.fake.requests.filter((r) => !r.rejected && r.body?.messages).at(-1)!;
    expect(JSON.stringify(sent.body.messages.at(-1))).toContain('Please promote Bob to the head of the Engineering team.');
    await s.shot('prompt-ran');
  });

  it("attaches resources from the composer and from a server's template, and sends them with the message", async () => {
    const s = await openWithEverything('p4-attach-resource', { viewport: { width: 1024, height: 700 }, colorScheme: 'dark' });
    const { page } = s;
    await page.getByRole('button', { name: 'Servers', exact: true }).click();
    const resources = page.getByRole('list', { name: 'Resources of everything' });
    await resources.waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Fill in the template Dynamic Text Resource' }).click();
    const template = page.getByRole('form', { name: 'Fill in Dynamic Text Resource' });
    await template.getByLabel('resourceId').fill('7');
    await template.getByRole('button', { name: 'Read Dynamic Text Resource' }).click();
    const preview = page.getByRole('region', { name: /Preview of demo:\/\/resource\/dynamic\/text\/7/ });
    await preview.getByText('Resource 7: This is a plaintext resource').waitFor({ timeout: 10_000 });
    await preview.scrollIntoViewIfNeeded();
    await s.shot('template-preview');
    await preview.getByRole('button', { name: /Attach .* to your next message/ }).click();
    await preview.getByRole('button', { name: 'Go to the message you are writing' }).click();

    await page.getByRole('button', { name: 'Attach a resource' }).click();
    const picker = page.getByRole('dialog', { name: 'Attach a resource' });
    await picker.getByLabel('Filter resources').fill('instructions');
    await picker.getByRole('option').first().waitFor({ timeout: 10_000 });
    await s.shot('picker');
    await picker.getByLabel('Filter resources').press('Enter');
    const chips = page.getByRole('list', { name: 'Attached resources' });
    await expect.poll(() => chips.getByRole('listitem').count()).toBe(2);
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('What do these resources say?');
    await s.shot('composer-with-chips');
    s.fake.enqueue(reply.text('They explain the demo server.'));
    await composer.press('Enter');
    await page.locator('.msg-assistant .markdown', { hasText: 'They explain the demo server.' }).waitFor({ timeout: 20_000 });
    const sent = s.fake.requests.filter((r) => !r.rejected && r.body?.messages).at(-1)!;
    const last = JSON.stringify(sent.body.messages.at(-1));
    expect(last).toContain('Resource 7: This is a plaintext resource');
    expect(last).toContain('demo://resource/static/document/instructions.md');
    expect(last).toContain('What do these resources say?');
    const shown = page.getByRole('list', { name: 'Attached to this message' });
    expect(await shown.getByRole('listitem').count()).toBe(2);
    expect(await chips.count()).toBe(0);
    await s.shot('sent-with-attachments');
  });

  it("follows a resource's updates, sets the server's log level, and keeps chosen root folders", async () => {
    const s = await openWithEverything('p5-updates-logging-roots');
    const { page } = s;
    s.fake.enqueue(
      reply.toolUses([
        { name: 'everything__toggle-subscriber-updates', input: {} },
        { name: 'everything__trigger-long-running-operation', input: { duration: 3, steps: 6 } },
      ]),
      reply.text('Updates are on.'),
    );
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Turn on resource updates and run something long');
    await composer.press('Enter');
    const progress = page.locator('.tool-card', { hasText: 'trigger-long-running-operation' }).locator('.tool-progress');
    await progress.locator('progress').waitFor({ timeout: 20_000 });
    expect(await progress.textContent()).toMatch(/\d of 6/);
    await s.shot('progress');
    await page.locator('.msg-assistant .markdown', { hasText: 'Updates are on.' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Servers', exact: true }).click();
    await page.getByRole('list', { name: 'Resources of everything' }).waitFor({ timeout: 20_000 });
    await page.getByRole('switch', { name: 'Follow updates of instructions.md' }).click();
    await page.getByRole('switch', { name: 'Stop following updates of instructions.md' }).waitFor();
    const row = page
      .getByRole('list', { name: 'Resources of everything' })
      .getByRole('listitem')
      .filter({ hasText: 'demo://resource/static/document/instructions.md' });
    await row.locator('.chip-live', { hasText: 'updated' }).waitFor({ timeout: 15_000 });
    await row.scrollIntoViewIfNeeded();
    await s.shot('resource-updated');
    await row.getByRole('button', { name: 'Read instructions.md again' }).click();
    await page.getByRole('region', { name: 'Preview of instructions.md' }).waitFor();
    await row.getByRole('button', { name: 'Preview instructions.md' }).waitFor();

    await page.getByLabel('Level everything sends its log messages from').selectOption('warning');
    await expect.poll(async () => (await s.web.host.call('servers.list', {})).find((x) => x.name === 'everything')?.logLevel).toBe('warning');
    await page.getByRole('heading', { name: /^Log/ }).scrollIntoViewIfNeeded();
    await s.shot('log-level');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const add = page.getByLabel('Add a folder to folders for every server');
    await add.fill('projects/site');
    await page.getByRole('button', { name: 'Add the folder to folders for every server' }).click();
    await page.locator('.roots-list .field-error', { hasText: 'not a full path' }).waitFor();
    await add.fill('/tmp/switchboard-e2e-project');
    await page.getByRole('button', { name: 'Add the folder to folders for every server' }).click();
    await page.getByRole('list', { name: 'folders for every server' }).getByText('/tmp/switchboard-e2e-project').waitFor();
    await page.getByLabel('Add a folder to folders for everything').fill('/srv/everything-only');
    await page.getByRole('button', { name: 'Add the folder to folders for everything' }).click();
    await page.getByRole('list', { name: 'folders for everything' }).getByText('/srv/everything-only').waitFor();
    expect(await s.web.host.call('roots.get', {})).toEqual({ global: ['/tmp/switchboard-e2e-project'], perServer: { everything: ['/srv/everything-only'] } });
    await page.getByRole('heading', { name: 'Folders servers may use' }).scrollIntoViewIfNeeded();
    await s.shot('roots');
  });
});
