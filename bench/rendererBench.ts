// The renderer's numbers (issue 4): main-thread time per streamed text delta with a 1,000-message
// conversation open (target p95 ≤ 4 ms), and the initial JavaScript size gzipped (target ≤ 180 KB, issue 25).
// Run: `node --import tsx bench/rendererBench.ts` (bench/run.ts may call runRendererBench()).
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { repoRoot } from '../tests/support/paths.ts';

export interface RendererBenchResult {
  deltaP50Ms: number;
  deltaP95Ms: number;
  initialJsGzipKb: number;
  lazyJsGzipKb: number;
}

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function viteBuild(root: string, input: string, outDir: string): Promise<void> {
  await build({
    configFile: false,
    root,
    base: '/',
    mode: 'production',
    logLevel: 'error',
    oxc: { jsx: { runtime: 'automatic', development: false } },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      rolldownOptions: { input },
    },
  });
}

async function bundleSizes(outDir: string): Promise<{ initial: number; lazy: number }> {
  const html = await readFile(path.join(outDir, 'index.html'), 'utf8');
  const initialFiles = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
  let initial = 0;
  let lazy = 0;
  for (const file of await readdir(path.join(outDir, 'assets'))) {
    if (!file.endsWith('.js')) continue;
    const size = gzipSync(await readFile(path.join(outDir, 'assets', file))).length;
    if (initialFiles.has(`assets/${file}`)) initial += size;
    else lazy += size;
  }
  return { initial, lazy };
}

function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = http.createServer(async (req, res) => {
    const file = path.join(dir, path.normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, ''));
    const target = (await stat(file).catch(() => null))?.isFile() ? file : path.join(dir, 'index.html');
    res.writeHead(200, { 'Content-Type': types[path.extname(target)] ?? 'application/octet-stream' });
    createReadStream(target).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

export async function runRendererBench(deltas = 300): Promise<RendererBenchResult> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-ui-'));
  try {
    const appOut = path.join(work, 'app');
    const benchOut = path.join(work, 'bench');
    await viteBuild(path.join(repoRoot, 'renderer'), path.join(repoRoot, 'renderer', 'index.html'), appOut);
    await viteBuild(repoRoot, path.join(repoRoot, 'bench', 'renderer', 'index.html'), benchOut);
    const sizes = await bundleSizes(appOut);
    const assetServer = await serve(benchOut);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${assetServer.url}bench/renderer/index.html`);
      const ok = await page.evaluate(() => (window as unknown as { __bench: { ready(): Promise<boolean> } }).__bench.ready());
      if (!ok) throw new Error('The bench page never rendered its messages.');
      await page.evaluate((n) => (window as unknown as { __bench: { run(n: number): Promise<number[]> } }).__bench.run(n), 30);
      const times = await page.evaluate((n) => (window as unknown as { __bench: { run(n: number): Promise<number[]> } }).__bench.run(n), deltas);
      if (process.env.BENCH_DEBUG) await page.screenshot({ path: path.join(repoRoot, 'test-artifacts', 'bench-renderer.png') });
      if (process.env.BENCH_DEBUG)
        console.log(
          times
            .map((t, i) => `${i}:${t.toFixed(1)}`)
            .filter((_, i) => times[i]! > 4)
            .join(' '),
        );
      return {
        deltaP50Ms: percentile(times, 0.5),
        deltaP95Ms: percentile(times, 0.95),
        initialJsGzipKb: sizes.initial / 1024,
        lazyJsGzipKb: sizes.lazy / 1024,
      };
    } finally {
      await browser.close();
      await assetServer.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runRendererBench();
  const row = (metric: string, value: string, target: string, ok: boolean) =>
    console.log(`${metric.padEnd(44)} ${value.padStart(10)}   target ${target.padEnd(10)} ${ok ? 'ok' : 'OVER'}`);
  row('text delta main-thread time p50 (1,000 msgs)', `${r.deltaP50Ms.toFixed(2)} ms`, '', true);
  row('text delta main-thread time p95 (1,000 msgs)', `${r.deltaP95Ms.toFixed(2)} ms`, '≤ 4 ms', r.deltaP95Ms <= 4);
  row('initial JS, gzipped', `${r.initialJsGzipKb.toFixed(0)} KB`, '≤ 180 KB', r.initialJsGzipKb <= 180);
  row('loaded on demand (apps, pages, dialogs, highlight.js), gzipped', `${r.lazyJsGzipKb.toFixed(0)} KB`, '', true);
}
