// "Where do secrets live?" has one answer: app/secrets. Other folders (and main/) ask it through its one door,
// app/secrets/index.ts, never a file behind it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths.ts';
import { importSpecifiers } from './folderGraph.ts';

const secretsDir = path.join(repoRoot, 'app', 'secrets');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Imports of a file behind app/secrets' door, from a file outside app/secrets. */
function backDoors(file: string, text: string): string[] {
  if (path.dirname(file).startsWith(secretsDir)) return [];
  return importSpecifiers(text)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.resolve(path.dirname(file), spec))
    .filter((target) => path.dirname(target) === secretsDir && path.basename(target) !== 'index.ts')
    .map((target) => `${path.relative(repoRoot, file)} imports ${path.relative(repoRoot, target)}`);
}

describe('the secrets module', () => {
  it('is asked only through app/secrets/index.ts by app/ and main/', () => {
    const files = [...tsFiles(path.join(repoRoot, 'app')), ...tsFiles(path.join(repoRoot, 'main'))];
    expect(files.flatMap((f) => backDoors(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('flags an import of a file behind the door (the check can fail)', () => {
    const planted = path.join(repoRoot, 'app', 'host', 'planted.ts');
    expect(backDoors(planted, "import { Redactor } from '../secrets/redaction.ts';\nimport { x } from '../secrets/index.ts';")).toEqual([
      'app/host/planted.ts imports app/secrets/redaction.ts',
    ]);
  });
});
