// A tool call that runs as an MCP task, in Chromium: the card shows the task's status and time while it
// runs, a page reload mid-task loses nothing (the result arrives on the reloaded page), and the Tasks
// view lists it meanwhile. Screenshots of the running card and the Tasks view at 1280 light and 800 dark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTaskServer, type TaskServer } from '../fixtures/taskServer.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();
let jobs: TaskServer;

beforeAll(async () => {
  jobs = await startTaskServer();
});

afterAll(async () => {
  await jobs?.close();
});

describe('tool calls as MCP tasks', () => {
  it('keeps a running task across a page reload and shows its result when it arrives', async () => {
    const s = await open('tasks-reload', { fake: { delayMs: 5 } });
    const { page } = s;
    await s.web.host.call('servers.upsert', { name: 'jobs', entry: { transport: 'http', url: jobs.url } });
    await s.web.host.call('servers.setTrust', { server: 'jobs', trusted: true });
    await expect.poll(() => page.locator('.health').textContent(), { timeout: 20_000 }).toMatch(/1\/1 ready/);
    const composer = page.getByLabel('Message to Claude');
    await composer.fill('Please use gated-job {"name": "nightly"}');
    await composer.press('Enter');

    const card = page.locator('.tool-card').first();
    const line = card.locator('.task-line');
    await expect.poll(() => line.getAttribute('data-task-status'), { timeout: 20_000 }).toBe('working');
    expect(await line.textContent()).toContain('Job nightly is running');
    await expect.poll(() => card.locator('.tool-duration').textContent(), { timeout: 5_000 }).toMatch(/\d/);
    await card.scrollIntoViewIfNeeded();
    await s.shot('running-card-1280-light');

    // A reload mid-task: the page comes back to the same running card.
    await page.reload();
    const again = page.locator('.tool-card').first();
    await expect.poll(() => again.locator('.task-line').getAttribute('data-task-status'), { timeout: 20_000 }).toBe('working');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 800, height: 800 });
    await again.scrollIntoViewIfNeeded();
    await s.shot('running-card-800-dark');

    // The Tasks view lists it, across conversations, with server, age and status.
    await page.getByRole('button', { name: 'Tasks' }).first().click();
    const row = page.getByRole('table', { name: 'Running tasks' }).locator('tbody tr');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.first().textContent()).toMatch(/jobs\s*gated-job.*Working.*Job nightly is running/);
    await s.shot('tasks-view-800-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await s.shot('tasks-view-1280-light');

    // Back to the chat; the job finishes and the result arrives on the reloaded page.
    await page.getByRole('button', { name: 'Chat' }).first().click();
    jobs.release();
    const done = page.locator('.tool-card').first();
    await expect.poll(() => done.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    expect(await done.locator('.task-line').getAttribute('data-task-status')).toBe('completed');
    await done.locator('.tool-head').click();
    await expect.poll(() => done.locator('.tool-body').textContent(), { timeout: 5_000 }).toContain('Job nightly finished: 42 widgets built.');
    const life = (await done.getByLabel('Life of this task').textContent()) ?? '';
    expect(life).toMatch(/Task created/);
    expect(life).toMatch(/Result \(completed\)/);
    await page.locator('.msg-assistant .markdown', { hasText: 'The tool returned' }).first().waitFor({ timeout: 20_000 });
    await s.shot('finished-card-1280-light');
  });
});
