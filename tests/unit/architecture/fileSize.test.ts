// No source file in app/, main/ or renderer/ is over 400 lines: a file that grows past that holds more
// than one concern and is split by concern (one noun per file).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths.ts';

export const MAX_LINES = 400;
/** Files allowed over the limit for now, each with the reason; a listed file that shrank is simply fine. */
const ALLOWED: Record<string, string> = {};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(e.name) ? [full] : [];
  });
}

/** Lines as `wc -l` counts them, plus a last line without a newline. */
function lineCount(text: string): number {
  const parts = text.split('\n');
  return text.endsWith('\n') ? parts.length - 1 : parts.length;
}

/** `folder/file: N lines` for every source file under `root`'s folders over the limit. */
export function oversized(root: string, folders: string[], allowed: Record<string, string> = {}): string[] {
  return folders
    .flatMap((folder) => sources(path.join(root, folder)))
    .map((file) => ({ rel: path.relative(root, file).split(path.sep).join('/'), lines: lineCount(readFileSync(file, 'utf8')) }))
    .filter(({ rel, lines }) => lines > MAX_LINES && !(rel in allowed))
    .map(({ rel, lines }) => `${rel}: ${lines} lines`);
}

describe('file size', () => {
  it(`no source file in app/, main/ or renderer/ is over ${MAX_LINES} lines`, () => {
    expect(oversized(repoRoot, ['app', 'main', 'renderer'], ALLOWED)).toEqual([]);
  });

  describe('the check can fail', () => {
    const dirs: string[] = [];
    afterAll(() => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it('flags a planted 401-line file, and not a 400-line one', () => {
      const root = mkdtempSync(path.join(tmpdir(), 'sb-size-'));
      dirs.push(root);
      for (const folder of ['app/host', 'main', 'renderer']) mkdirSync(path.join(root, folder), { recursive: true });
      const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const x${i} = ${i};`).join('\n');
      writeFileSync(path.join(root, 'app', 'host', 'big.ts'), lines(401));
      writeFileSync(path.join(root, 'renderer', 'ok.tsx'), lines(400));
      expect(oversized(root, ['app', 'main', 'renderer'])).toEqual(['app/host/big.ts: 401 lines']);
      expect(oversized(root, ['app', 'main', 'renderer'], { 'app/host/big.ts': 'planted' })).toEqual([]);
    });
  });
});
