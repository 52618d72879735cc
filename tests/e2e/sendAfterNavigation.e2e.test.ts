// Nothing the person writes is lost: a message sent the instant after a navigation (new conversation,
// switching conversations, coming back from the Servers page) lands in the conversation on screen.
import { describe, expect, it } from 'vitest';
import type { Stack } from './stack.ts';
import { useStacks } from './suite.ts';

const { open } = useStacks();

/** Every user message the core saved, across all conversations. */
async function savedUserTexts(s: Stack): Promise<string[]> {
  const texts: string[] = [];
  for (const summary of await s.web.host.call('conversations.list', {})) {
    const view = await s.web.host.call('conversations.get', { id: summary.id });
    for (const m of view.messages) if (m.role === 'user') texts.push(m.text);
  }
  return texts;
}

async function sendNow(s: Stack, text: string): Promise<void> {
  const composer = s.page.getByLabel('Message to Claude');
  await composer.fill(text);
  await composer.press('Enter');
}

async function answered(s: Stack, text: string): Promise<void> {
  await s.page.locator('.msg-user', { hasText: text }).waitFor({ timeout: 20_000 });
  await s.page.locator('.msg-assistant .markdown', { hasText: `You said: ${text}` }).waitFor({ timeout: 20_000 });
  expect(await s.page.getByLabel('Message to Claude').inputValue()).toBe('');
}

describe('sending right after a navigation', () => {
  it('keeps every message sent the instant after new conversation, switching conversations and leaving the Servers page', async () => {
    const s = await open('send-after-navigation');
    const { page } = s;
    await sendNow(s, 'first message');
    await answered(s, 'first message');

    // Three times, as the race lost 2 of 3 tries.
    for (const n of [1, 2, 3]) {
      await page.getByRole('button', { name: 'New conversation', exact: true }).click();
      await sendNow(s, `new conversation ${n}`);
      await answered(s, `new conversation ${n}`);
    }
    await s.shot('after-new-conversations');

    await page.getByRole('button', { name: /^Open conversation first message/i }).click();
    await sendNow(s, 'back in the first');
    await answered(s, 'back in the first');
    expect(await page.locator('.msg-user', { hasText: 'first message' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Servers', exact: true }).click();
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await sendNow(s, 'after the servers page');
    await answered(s, 'after the servers page');

    await page.getByRole('button', { name: 'Servers', exact: true }).click();
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await page.getByRole('button', { name: 'New conversation', exact: true }).click();
    await sendNow(s, 'servers then new');
    await answered(s, 'servers then new');
    await s.shot('all-sent');

    // After a reload only the newest conversation is loaded: open an older one (it loads) and send at once.
    await s.reload();
    await page.getByRole('button', { name: 'New conversation', exact: true }).waitFor();
    await page.getByRole('button', { name: /^Open conversation new conversation 2/i }).click();
    await sendNow(s, 'while it loads');
    await answered(s, 'while it loads');
    expect(await page.locator('.msg-user', { hasText: 'new conversation 2' }).count()).toBe(1);

    const saved = await savedUserTexts(s);
    for (const text of [
      'first message',
      'new conversation 1',
      'new conversation 2',
      'new conversation 3',
      'back in the first',
      'after the servers page',
      'servers then new',
      'while it loads',
    ]) {
      expect(saved.filter((t) => t === text)).toHaveLength(1);
    }
  });
});
