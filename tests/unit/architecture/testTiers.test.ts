// The tier of a test is the folder it sits in (vitest.config.ts has one project per folder): every test
// file is under tests/unit/, tests/integration/ or tests/e2e/, and only browser tests are named *.e2e.test.ts.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths.ts';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : testFiles(full);
    return e.name.endsWith('.test.ts') ? [path.relative(repoRoot, full).split(path.sep).join('/')] : [];
  });
}

/** Test files that sit outside their tier's folder, each with where it belongs. */
export function misplaced(files: readonly string[]): string[] {
  return files.flatMap((file) => {
    const tier = file.split('/')[1];
    const e2e = file.endsWith('.e2e.test.ts');
    if (e2e && tier !== 'e2e') return [`${file}: a browser test belongs in tests/e2e/`];
    if (!e2e && tier === 'e2e') return [`${file}: only *.e2e.test.ts files belong in tests/e2e/`];
    if (!e2e && tier !== 'unit' && tier !== 'integration') {
      return [`${file}: put it in tests/unit/<area>/ (starts nothing real) or tests/integration/<area>/ (a process, a socket, a whole host)`];
    }
    return [];
  });
}

describe('test tiers are folders', () => {
  it('every test file is in tests/unit/, tests/integration/ or tests/e2e/', () => {
    expect(misplaced(testFiles(path.join(repoRoot, 'tests')))).toEqual([]);
  });

  it('the check flags a test left in an area folder, and a browser test outside tests/e2e/', () => {
    expect(
      misplaced([
        'tests/host/new.test.ts',
        'tests/unit/host/ok.test.ts',
        'tests/integration/web/ok.test.ts',
        'tests/unit/ui.e2e.test.ts',
        'tests/e2e/ok.e2e.test.ts',
      ]),
    ).toEqual([
      'tests/host/new.test.ts: put it in tests/unit/<area>/ (starts nothing real) or tests/integration/<area>/ (a process, a socket, a whole host)',
      'tests/unit/ui.e2e.test.ts: a browser test belongs in tests/e2e/',
    ]);
  });
});
