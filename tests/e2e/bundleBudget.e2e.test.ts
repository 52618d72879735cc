// What every start loads: the built renderer's initial JavaScript stays under its budget (issue 25), and
// what only some screens need (the MCP Apps bridge, install reviews, a tool card's raw wire view)
// is in chunks loaded on demand, not in it.
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES_FILE, buildRendererForTests } from './buildRenderer.ts';

const BUDGET_KB = 180;

describe('renderer bundle', () => {
  let outDir: string;
  let initial: string[];
  let lazy: string[];
  const read = (file: string) => readFile(path.join(outDir, file), 'utf8');

  beforeAll(async () => {
    outDir = await buildRendererForTests();
    const html = await read('index.html');
    initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    lazy = (await readdir(path.join(outDir, 'assets')))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `assets/${f}`)
      .filter((f) => !initial.includes(f));
  }, 120_000);
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it(`loads at most ${BUDGET_KB} KB of JavaScript (gzipped) at start`, async () => {
    let bytes = 0;
    for (const file of initial) bytes += gzipSync(await read(file)).length;
    expect(initial.length).toBeGreaterThan(0);
    expect(bytes / 1024).toBeLessThanOrEqual(BUDGET_KB);
  });

  it('keeps what only some screens need out of the start and in chunks of its own', async () => {
    const where = async (text: string) => {
      const files: string[] = [];
      for (const file of [...initial, ...lazy]) if ((await read(file)).includes(text)) files.push(file);
      return files;
    };
    // The ext-apps AppBridge's handshake, the first-run import offer, the raw JSON-RPC view.
    for (const marker of ['ui/initialize', 'Bring your servers along', 'Raw JSON-RPC']) {
      const files = await where(marker);
      expect(files.length, marker).toBeGreaterThan(0);
      expect(
        files.filter((f) => initial.includes(f)),
        marker,
      ).toEqual([]);
    }
  });

  it("carries no MCP SDK 1.x: the Apps bridge is ext-apps 2.x on the SDK's v2 client, loaded on demand", async () => {
    const modules = JSON.parse(await read(MODULES_FILE)) as Record<string, string[]>;
    const chunksWith = (folder: string) =>
      Object.entries(modules)
        .filter(([, ids]) => ids.some((id) => id.replaceAll('\\', '/').includes(`/node_modules/${folder}/`)))
        .map(([file]) => `assets/${path.basename(file)}`);
    expect(chunksWith('@modelcontextprotocol/sdk')).toEqual([]);
    const bridge = chunksWith('@modelcontextprotocol/ext-apps');
    expect(bridge.length).toBeGreaterThan(0);
    expect(chunksWith('@modelcontextprotocol/client')).toEqual(bridge);
    expect(bridge.filter((f) => initial.includes(f))).toEqual([]);
  });
});
