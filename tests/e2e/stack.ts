// One end-to-end stack per test: a temp data dir, the fake Anthropic API, web mode on port 0, and Chromium.
// Screenshots of each step go to test-artifacts/e2e/<test>/NN-step.png; `close()` stops everything it started.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Logger } from '../../app/base/logger.ts';
import { startWebMode, type RunningWebMode } from '../../main/web/webMode.ts';
import { startFakeAnthropic, type FakeAnthropic, type FakeAnthropicOptions } from '../support/fakeAnthropic.ts';
import { repoRoot } from '../support/paths.ts';

export const artifactsDir = path.join(repoRoot, 'test-artifacts', 'e2e');

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Stack {
  page: Page;
  web: RunningWebMode;
  fake: FakeAnthropic;
  dataDir: string;
  logs: string[];
  shot(step: string): Promise<void>;
  /** The path the next screenshot of this test would take, for screenshots of another page. */
  shotPath(step: string): string;
  /** Opens the app again in a fresh page on the same server (same data dir). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  fake?: FakeAnthropicOptions;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Start without ANTHROPIC_API_KEY in the host's environment. */
  noApiKey?: boolean;
  /** Runs before the host starts, with the home folder it will see (plant other apps' files here). */
  beforeStart?: (home: string) => Promise<void>;
  /** Laid over the host's environment (e.g. a PATH without the sandbox's tools). */
  env?: Record<string, string | undefined>;
}

function collectingLogger(lines: string[]): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export async function startStack(browser: Browser, testName: string, staticDir: string, options: StackOptions = {}): Promise<Stack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-'));
  const logs: string[] = [];
  await options.beforeStart?.(dataDir);
  const fake = await startFakeAnthropic({ chunkChars: 6, ...options.fake });
  let web: RunningWebMode;
  try {
    web = await startWebMode({
      dataDir,
      env: {
        PATH: process.env.PATH,
        ANTHROPIC_BASE_URL: fake.url,
        HOME: dataDir,
        ...(options.noApiKey ? {} : { ANTHROPIC_API_KEY: 'sk-ant-e2e-test' }),
        ...options.env,
      },
      logger: collectingLogger(logs),
      port: 0,
      staticDirs: [staticDir],
    });
  } catch (error) {
    await fake.close();
    throw error;
  }
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  page.on('console', (m) => logs.push(`console.${m.type()} ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`pageerror ${e.message}`));
  const shotsDir = path.join(artifactsDir, testName);
  await rm(shotsDir, { recursive: true, force: true });
  await mkdir(shotsDir, { recursive: true });
  let step = 0;
  const shotPath = (name: string): string => {
    step += 1;
    return path.join(shotsDir, `${String(step).padStart(2, '0')}-${name}.png`);
  };
  // The printed link signs this tab in once (its token is in the fragment); reloads use the tab's session.
  await page.goto(web.url);

  return {
    page,
    web,
    fake,
    dataDir,
    logs,
    async shot(name) {
      await page.screenshot({ path: shotPath(name) });
    },
    shotPath,
    async reload() {
      await page.reload();
    },
    async close() {
      await context.close().catch(() => undefined);
      await web.stop();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}
