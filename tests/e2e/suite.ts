// The hooks every browser test file shares: one renderer build and one Chromium per file, a fresh
// stack (data dir, web mode, fake API) per test, and a screenshot plus logs when a test fails.
import { rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildRendererForTests } from './buildRenderer.ts';
import { launchChromium, startStack, type Stack, type StackOptions } from './stack.ts';

export function useStacks(): { open(name: string, options?: StackOptions): Promise<Stack> } {
  let browser: Browser;
  let staticDir: string;
  let stack: Stack | undefined;

  beforeAll(async () => {
    [staticDir, browser] = await Promise.all([buildRendererForTests(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (staticDir) await rm(staticDir, { recursive: true, force: true });
  });

  afterEach(async (ctx) => {
    if (stack && ctx.task.result?.state === 'fail') {
      await stack.shot('failure').catch(() => undefined);
      console.log(`--- logs of ${ctx.task.name} ---\n${stack.logs.slice(-60).join('\n')}`);
    }
    await stack?.close();
    stack = undefined;
  });

  return {
    async open(name, options) {
      // A browser that died (crashed, or killed from outside) is replaced rather than failing every later test.
      if (!browser.isConnected()) browser = await launchChromium();
      stack = await startStack(browser, name, staticDir, options);
      await stack.page.getByRole('button', { name: 'New conversation' }).waitFor();
      return stack;
    },
  };
}
