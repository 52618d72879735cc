// The UI end to end: real web mode, real MCP servers, the fake Anthropic API, Debian's Chromium.
// Every step saves a screenshot under test-artifacts/e2e/<scenario>/.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reply } from '../support/fakeAnthropic.ts';
import { fixturesDir, nodeBin, serverBins } from '../support/paths.ts';
import type { Stack } from './stack.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();

async function addEverythingByApi(s: Stack): Promise<void> {
  await s.web.host.call('servers.upsert', {
    name: 'everything',
    entry: { transport: 'stdio', command: nodeBin, args: [serverBins.everything] },
  });
}

describe('Switchboard in Chromium', () => {
  it('adds server-everything through the settings form, turns ready and lists its tools', async () => {
    const s = await open('1-add-server');
    const { page } = s;
    await s.shot('start');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Add a server' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('everything');
    await page.getByLabel('Command', { exact: true }).fill(nodeBin);
    await page.getByRole('button', { name: 'Add an argument' }).click();
    await page.getByLabel('Argument 1', { exact: true }).fill(serverBins.everything);
    await s.shot('form-filled');
    await page.getByRole('button', { name: 'Add server' }).click();
    const statusLine = page.locator('.server-form .status-line');
    await expect.poll(() => statusLine.locator('.status').textContent(), { timeout: 20_000 }).toBe('ready');
    await s.shot('saved-ready');
    await page.getByRole('button', { name: 'Open everything details' }).click();
    const tools = page.getByRole('list', { name: 'Tools of everything' });
    await tools.waitFor();
    await expect.poll(() => tools.getByRole('listitem').count()).toBeGreaterThan(3);
    expect(await tools.textContent()).toContain('echo');
    await s.shot('server-detail-tools');
    expect(await page.locator('.health').textContent()).toMatch(/1\/1 ready/);
  });

  it('shows a tool call card with its input and result, then streams the answer', async () => {
    const s = await open('2-chat-tool-call', { fake: { delayMs: 15 } });
    await addEverythingByApi(s);
    const { page } = s;
    await expect.poll(() => page.locator('.health').textContent(), { timeout: 20_000 }).toMatch(/1\/1 ready/);
    await s.shot('empty-chat');
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Please use echo {"message": "hello from e2e"}');
    await s.shot('typed');
    await composer.press('Enter');
    const card = page.locator('.tool-card').first();
    await card.waitFor({ timeout: 20_000 });
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('awaiting-approval');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Allow everything / echo once');
    expect(await card.locator('.approval-desc').getAttribute('open')).not.toBeNull();
    await s.shot('asks-approval');
    await card.getByRole('button', { name: 'Allow everything / echo once' }).click();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    await page.locator('.msg-assistant .markdown', { hasText: 'The tool returned' }).first().waitFor({ timeout: 20_000 });
    await s.shot('answered-collapsed');
    await card.locator('.tool-head').click();
    const input = await card.locator('.tool-input').textContent();
    expect(JSON.parse(input ?? '')).toEqual({ message: 'hello from e2e' });
    expect(await card.locator('.tool-result').textContent()).toContain('hello from e2e');
    expect(await card.locator('.tool-title').textContent()).toContain('everything');
    await page.locator('.usage').first().waitFor();
    await s.shot('card-expanded');
  });

  it('shows error status with a readable reason for a command that does not exist', async () => {
    const s = await open('3-missing-command');
    const { page } = s;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Add a server' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('ghost');
    await page.getByLabel('Command', { exact: true }).fill('switchboard-no-such-command');
    await page.getByRole('button', { name: 'Add server' }).click();
    const statusLine = page.locator('.server-form .status-line');
    await expect.poll(() => statusLine.locator('.status').textContent(), { timeout: 20_000 }).toBe('error');
    await s.shot('settings-error');
    await page.getByRole('button', { name: 'Open ghost details' }).click();
    const reason = page.locator('.callout-error .callout-title');
    await reason.waitFor();
    expect(await reason.textContent()).toMatch(/switchboard-no-such-command/);
    expect(await page.locator('.detail-title .status').textContent()).toBe('error');
    await s.shot('server-detail-error');
  });

  it('stops a streamed answer midway and the next message still works', async () => {
    const s = await open('4-stop', { fake: { delayMs: 20 } });
    const { page } = s;
    s.fake.enqueue(reply.stall('This is a long answer that will never finish because the model stalls here'));
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Tell me a long story');
    await composer.press('Enter');
    await page.locator('.msg-assistant .markdown', { hasText: 'long answer' }).waitFor({ timeout: 20_000 });
    await s.shot('streaming');
    await page.getByRole('button', { name: 'Stop the answer (Esc)' }).click();
    await page.locator('.msg-note', { hasText: 'Stopped.' }).waitFor({ timeout: 20_000 });
    await s.shot('stopped');
    await page.locator('.msg-note-row').getByRole('button', { name: 'Retry the last message' }).click();
    await page.locator('.msg-assistant .markdown', { hasText: 'You said: Tell me a long story' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.msg-user').count()).toBe(1);
    await s.shot('retried-after-stop');
    await composer.fill('Are you still there?');
    await composer.press('Enter');
    await page.locator('.msg-assistant .markdown', { hasText: 'You said: Are you still there?' }).waitFor({ timeout: 20_000 });
    await s.shot('next-answer');
  });

  it('with tool search off, tells the person when too many tools are enabled and sends only when they choose to', async () => {
    const s = await open('12-tool-budget', { viewport: { width: 1024, height: 700 } });
    const { page } = s;
    // With tool search on (the default) 300 tools go deferred (tests/e2e/toolSearch.e2e.test.ts); off, the budget asks.
    await s.web.host.call('settings.update', { toolSearch: 'off' });
    await s.web.host.call('servers.upsert', {
      name: 'big',
      entry: { transport: 'stdio', command: nodeBin, args: [path.join(fixturesDir, 'many-tools.mjs'), '300'] },
    });
    await s.web.host.call('servers.upsert', { name: 'ghost', entry: { transport: 'stdio', command: 'switchboard-no-such-command' } });
    await page.getByText('300 tools').first().waitFor({ timeout: 20_000 });
    const health = page.locator('.health');
    await expect.poll(() => health.textContent(), { timeout: 20_000 }).toMatch(/1 error/);
    expect(
      await health.evaluate(
        (el) => el.scrollWidth <= el.clientWidth && [...el.children].every((c) => c.getBoundingClientRect().right <= el.getBoundingClientRect().right),
      ),
    ).toBe(true);
    const before = s.fake.requests.length;
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Hello with lots of tools');
    await composer.press('Enter');
    const notice = page.locator('.budget-notice');
    await notice.waitFor({ timeout: 20_000 });
    await expect.poll(() => notice.textContent()).toMatch(/300 tools are enabled/);
    expect(s.fake.requests.length).toBe(before);
    expect(await composer.inputValue()).toBe('Hello with lots of tools');
    await s.shot('asks-first');
    await page.getByRole('button', { name: 'Send with all tools' }).click();
    await page.locator('.msg-assistant .markdown', { hasText: 'You said: Hello with lots of tools' }).waitFor({ timeout: 20_000 });
    expect(await notice.count()).toBe(0);
    expect(s.fake.requests.at(-1)!.body.tools).toHaveLength(300);
    await s.shot('sent-anyway');
  });

  it('stays responsive on the page of a server that floods stderr', async () => {
    const s = await open('13-stderr-flood');
    const { page } = s;
    await s.web.host.call('servers.upsert', {
      name: 'flood',
      entry: { transport: 'stdio', command: nodeBin, args: [path.join(fixturesDir, 'stderr-flood.mjs')] },
    });
    await page.getByRole('button', { name: 'Servers', exact: true }).click();
    await page.getByRole('button', { name: /^flood: / }).click();
    await page.getByRole('log', { name: 'Log of flood' }).locator('.log-line').first().waitFor({ timeout: 20_000 });
    // The flood has passed the render cap: from here on, every new line pushes an old one out.
    await page.getByText(/showing the newest 500 of/).waitFor({ timeout: 30_000 });
    const frames = () => page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))));
    for (let i = 0; i < 3; i++) await frames();
    expect(await page.locator('.log-line').count()).toBeLessThanOrEqual(500);
    // It keeps following: the newest lines are in view.
    const log = page.getByRole('log', { name: 'Log of flood' });
    await expect.poll(() => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight), { timeout: 10_000 }).toBeLessThan(60);
    await log.scrollIntoViewIfNeeded();
    await s.shot('flooding');
    await page.getByRole('button', { name: 'Chat', exact: true }).click({ timeout: 5_000 });
    await page.getByLabel('Message to Claude').waitFor({ timeout: 5_000 });
    await s.web.host.call('servers.stop', { server: 'flood' });
  });

  it('brings a tool approval into view and onto Allow once after the person scrolled away', async () => {
    const s = await open('14-approval-offscreen', { viewport: { width: 1024, height: 700 } });
    await addEverythingByApi(s);
    const { page } = s;
    await expect.poll(() => page.locator('.health').textContent(), { timeout: 20_000 }).toMatch(/1\/1 ready/);
    const preface = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of a long preface before the tool call.`).join('\n\n');
    // The tool call streams only after the person has scrolled away from the preface.
    let scrolledAway!: () => void;
    const after = new Promise<void>((resolve) => (scrolledAway = resolve));
    s.fake.enqueue(reply.toolUse('everything__echo', { message: 'late' }, { text: preface, after }), reply.text('Echoed late.'));
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Write a lot, then echo');
    await composer.press('Enter');
    await page.locator('.msg-assistant .markdown', { hasText: 'Paragraph 40 ' }).waitFor({ timeout: 20_000 });
    // The person scrolls up with the wheel (a scroll the page makes by itself would not let go of the bottom).
    await page.locator('.messages').hover();
    await page.mouse.wheel(0, -20_000);
    await expect.poll(() => page.locator('.messages').evaluate((el) => el.scrollTop)).toBeLessThan(200);
    scrolledAway();
    const card = page.locator('.tool-card').first();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('awaiting-approval');
    const allow = card.getByRole('button', { name: 'Allow everything / echo once' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Allow everything / echo once');
    const inView = () =>
      allow.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const box = el.closest('.messages')!.getBoundingClientRect();
        return r.top >= box.top && r.bottom <= box.bottom;
      });
    await expect.poll(inView).toBe(true);
    await s.shot('approval-in-view');
    await page.keyboard.press('Enter');
    await page.locator('.msg-assistant .markdown', { hasText: 'Echoed late.' }).waitFor({ timeout: 20_000 });
    await s.shot('approved-by-keyboard');
  });

  it('keeps the conversation after a reload', async () => {
    const s = await open('5-reload');
    const { page } = s;
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Remember the word marmalade');
    await composer.press('Enter');
    await page.locator('.msg-assistant .markdown', { hasText: 'marmalade' }).waitFor({ timeout: 20_000 });
    await s.shot('before-reload');
    await s.reload();
    await page.locator('.msg-user', { hasText: 'Remember the word marmalade' }).waitFor({ timeout: 20_000 });
    await page.locator('.msg-assistant .markdown', { hasText: 'You said: Remember the word marmalade' }).waitFor();
    expect(await page.getByRole('list', { name: 'Conversations' }).getByRole('listitem').count()).toBe(1);
    await s.shot('after-reload');
    await s.web.stop();
    await page.getByText('Lost the connection to Switchboard').waitFor({ timeout: 20_000 });
    await s.shot('host-gone');
  });

  it('renders markdown, code and tables at 1024×700 in dark mode, and refuses a javascript: link', async () => {
    const s = await open('6-markdown-dark-small', { viewport: { width: 1024, height: 700 }, colorScheme: 'dark' });
    const { page } = s;
    const markdown = [
      'Here is a **summary** with `inline code`, a [safe link](https://example.com/docs?q=1) and a [bad one](javascript:alert(1)).',
      '',
      '| Server | Status | Tools |',
      '|---|---|---|',
      '| everything | ready | 13 |',
      '| files | error | 0 |',
      '',
      '```ts',
      'export function add(a: number, b: number): number {',
      '  return a + b; // sum',
      '}',
      '```',
      '',
      '![a remote chart](https://example.com/chart.png)',
      '',
      '<img src=x onerror="document.title=\'pwned\'"> raw html stays out.',
    ].join('\n');
    s.fake.enqueue(reply.text(markdown));
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Show me everything you can render');
    await composer.press('Enter');
    await page.locator('.markdown table').waitFor({ timeout: 20_000 });
    await page.locator('.code-block .hljs-keyword').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('.image-placeholder').textContent()).toContain('https://example.com/chart.png');
    expect(await page.locator('.markdown img').count()).toBe(0);
    expect(await page.title()).toBe('Switchboard');
    await s.shot('markdown');
    await page.getByText('bad one').click();
    await page.getByRole('dialog').waitFor();
    expect(await page.getByRole('dialog').textContent()).toContain('never opened');
    await s.shot('refused-link');
    await page.keyboard.press('Escape');
    await page.getByText('safe link').click();
    expect(await page.getByRole('dialog').textContent()).toContain('https://example.com/docs?q=1');
    await s.shot('link-confirm');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Servers', exact: true }).click();
    await s.shot('servers-empty');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await s.shot('settings');
  });

  it('says what to do without an API key, keeps the question, and retries once the key is added', async () => {
    const s = await open('7-no-key', { noApiKey: true });
    const { page } = s;
    await page.getByRole('heading', { name: 'Add your Anthropic API key' }).waitFor();
    await s.shot('no-key-empty-state');
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('What is the capital of France?');
    await composer.press('Enter');
    const notice = page.locator('.api-error');
    await notice.waitFor({ timeout: 20_000 });
    await s.shot('no-key-error');
    await notice.getByRole('button', { name: 'Open API key settings' }).click();
    await page.getByLabel('Anthropic API key').fill('sk-ant-added-in-the-ui');
    await page.getByRole('button', { name: 'Save API key' }).click();
    await page.getByText('Saved. New messages use this key.').waitFor();
    await s.shot('key-saved');
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await page.getByRole('button', { name: 'Retry the last message' }).click();
    await page.locator('.msg-assistant .markdown', { hasText: 'You said: What is the capital of France?' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.msg-user').count()).toBe(1);
    await s.shot('retried');
  });

  it('shows the retry wait when rate limited, then the answer', async () => {
    const s = await open('8-rate-limit');
    const { page } = s;
    s.fake.enqueue(reply.rateLimited(2), reply.text('Back after the wait.'));
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Hello?');
    await composer.press('Enter');
    await page.locator('.retrying').waitFor({ timeout: 20_000 });
    await s.shot('retrying');
    await page.locator('.msg-assistant .markdown', { hasText: 'Back after the wait.' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.retrying').count()).toBe(0);
    await s.shot('answered');
  });

  it('shows markup from the model and from tools as text, and Esc stops a turn', async () => {
    const s = await open('9-xss-and-esc', { fake: { delayMs: 10 }, viewport: { width: 1024, height: 700 }, colorScheme: 'dark' });
    await addEverythingByApi(s);
    const { page } = s;
    await s.web.host.call('servers.setTrust', { server: 'everything', trusted: true });
    await expect.poll(() => page.locator('.health').textContent(), { timeout: 20_000 }).toMatch(/1\/1 ready/);
    const payload = `<img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script>`;
    s.fake.enqueue(reply.toolUse('everything__echo', { message: payload }, { text: `I will echo ${payload}` }), reply.text(`Echoed: ${payload}`));
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Echo some markup');
    await composer.press('Enter');
    const card = page.locator('.tool-card').first();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    await page.locator('.msg-assistant .markdown', { hasText: 'Echoed:' }).waitFor({ timeout: 20_000 });
    await card.locator('.tool-head').click();
    expect(await card.locator('.tool-result').textContent()).toContain('<img src=x');
    expect(await page.locator('.msg-assistant img').count()).toBe(0);
    expect(await page.title()).toBe('Switchboard');
    await s.shot('markup-as-text');
    s.fake.enqueue(
      reply.toolUses(
        [
          { name: 'everything__get-tiny-image', input: {} },
          { name: 'everything__get-resource-links', input: { count: 2 } },
        ],
        'Two tools at once.',
      ),
      reply.text('Here they are.'),
    );
    await composer.fill('Show me an image and some links');
    await composer.press('Enter');
    await page.locator('.msg-assistant .markdown', { hasText: 'Here they are.' }).waitFor({ timeout: 20_000 });
    // The turn has ended (its Stop button is gone) before the cards are opened: a click while the answer's last
    // rows still lay themselves out can land beside its target.
    await page.getByRole('button', { name: 'Stop the answer (Esc)' }).waitFor({ state: 'detached', timeout: 20_000 });
    const imageCard = page.locator('.tool-card', { hasText: 'get-tiny-image' });
    await imageCard.locator('.tool-head').click();
    await expect.poll(() => imageCard.locator('.tool-head').getAttribute('aria-expanded')).toBe('true');
    await imageCard.locator('img.result-image').waitFor();
    expect(await imageCard.locator('img.result-image').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const linksCard = page.locator('.tool-card', { hasText: 'get-resource-links' });
    await linksCard.locator('.tool-head').click();
    await expect.poll(() => linksCard.locator('.tool-head').getAttribute('aria-expanded')).toBe('true');
    await linksCard.locator('.result-resource').first().waitFor();
    await imageCard.scrollIntoViewIfNeeded();
    await s.shot('image-and-links');
    s.fake.enqueue(reply.stall('Thinking about it for a very long time'));
    await composer.fill('Take your time');
    await composer.press('Enter');
    await page.locator('.msg-assistant .markdown', { hasText: 'very long time' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    await page.locator('.msg-note', { hasText: 'Stopped.' }).waitFor({ timeout: 20_000 });
    await s.shot('stopped-with-esc');
  });

  it('imports pasted JSON and starts the server only after its command is approved', async () => {
    const s = await open('10-import-approve', { viewport: { width: 1024, height: 700 } });
    const { page } = s;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const json = JSON.stringify({ mcpServers: { memory: { command: nodeBin, args: [serverBins.memory] } } }, null, 2);
    await page.getByLabel('Paste a config').fill(json);
    await page.getByRole('button', { name: 'Import servers' }).click();
    await page.getByRole('button', { name: 'Review and approve memory' }).waitFor({ timeout: 20_000 });
    await s.shot('imported-needs-approval');
    expect(await page.locator('.health').textContent()).toMatch(/0\/1 ready/);
    expect(await page.locator('.settings-row .status').textContent()).toBe('needs approval');
    await page.getByRole('button', { name: 'Review and approve memory' }).click();
    const approval = page.getByRole('region', { name: 'Approve starting memory' });
    await approval.waitFor();
    expect(await page.locator('.detail-title .status').textContent()).toBe('needs approval');
    expect(await page.getByRole('list', { name: 'Servers' }).locator('.status').textContent()).toBe('needs approval');
    expect(await approval.getByLabel('Command line to approve').textContent()).toContain(serverBins.memory);
    await s.shot('approval');
    await approval.getByRole('button', { name: 'Approve and start memory' }).click();
    await expect.poll(() => page.locator('.detail-title .status').textContent(), { timeout: 20_000 }).toBe('ready');
    await page.getByRole('list', { name: 'Tools of memory' }).waitFor();
    await s.shot('approved-ready');
  });

  it('shows form problems at the field and can be driven from the keyboard', async () => {
    const s = await open('11-form-validation', { viewport: { width: 1024, height: 700 } });
    const { page } = s;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Add a server' }).first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('srv-name');
    await page.keyboard.type('my\tserver');
    await page.getByLabel('Command', { exact: true }).fill('npx -y "@scope/pkg" --root /tmp');
    await s.shot('form-hints');
    await page.getByRole('button', { name: 'Split into arguments' }).click();
    expect(await page.getByLabel('Command', { exact: true }).inputValue()).toBe('npx');
    expect(await page.getByLabel('Argument 2', { exact: true }).inputValue()).toBe('@scope/pkg');
    expect(await page.getByLabel('Argument 4', { exact: true }).inputValue()).toBe('/tmp');
    await page.getByRole('button', { name: "Replace with '-'" }).click();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('my-server');
    await page.getByLabel('Name', { exact: true }).fill('');
    await page.getByRole('radio', { name: 'Remote URL (HTTP)' }).click();
    await page.getByLabel('URL', { exact: true }).fill('file:///etc/passwd');
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('header 1 name').fill('Bad Header:');
    await page.getByRole('button', { name: 'Add server' }).click();
    const errors = page.locator('.server-form .field-error');
    await expect.poll(() => errors.count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#srv-name-error').textContent()).toMatch(/name/i);
    expect(await page.locator('#srv-url-error').textContent()).toMatch(/http/);
    await page.locator('#srv-url').scrollIntoViewIfNeeded();
    await s.shot('field-errors');
    await page.getByLabel('Name', { exact: true }).fill('remote');
    await page.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9/mcp');
    await page.getByRole('button', { name: 'Remove header Bad Header:' }).click();
    await page.getByLabel('URL', { exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('srv-transport');
    await s.shot('keyboard-focus');
    await page.getByRole('button', { name: 'Add server' }).click();
    await page.locator('.server-form .status-line').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.server-form .status-line .status').textContent(), { timeout: 20_000 }).toMatch(/error|connecting/);
    await s.shot('remote-saved');
  });
});
