// Which vitest project a test file belongs to, read from what it imports, so a new file lands in the
// right one without a list to keep: `e2e` drives Chromium, `integration` starts something real (a
// process, a socket, a whole host), `unit` is everything else and runs in seconds.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type TestKind = 'unit' | 'integration' | 'e2e';

/** Modules that start a process, listen on a socket, or build a whole host. */
const realWorldModules = new Set(['node:child_process', 'node:http', 'node:https', 'node:net']);
/** Our helpers that do the same, relative to tests/. */
const realWorldHelpers = new Set([
  'support/hostHarness.ts',
  'support/hostProcess.ts',
  'support/fakeAnthropic.ts',
  'support/everythingHttp.ts',
  'llm/mcpHarness.ts',
  'llm/turnHarness.ts',
  'protocol/protocolHarness.ts',
  'web/webHarness.ts',
  'servers/helpers.ts',
]);
const specifiers = /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g;
const testsDir = path.dirname(path.dirname(new URL(import.meta.url).pathname));

export function testKind(file: string, text: string): TestKind {
  if (file.endsWith('.e2e.test.ts')) return 'e2e';
  if (/\b(serverBins|fixturesDir|nodeBin)\b/.test(text)) return 'integration';
  // Start a login shell, an authorization server or a loopback listener through the code under test (unitGuard.ts).
  if (/\b(readLoginShellPath|oauthHarness|LoopbackListener)\b/.test(text)) return 'integration';
  for (const m of text.matchAll(specifiers)) {
    const spec = m[1] ?? m[2]!;
    if (realWorldModules.has(spec)) return 'integration';
    if (spec.startsWith('.') && realWorldHelpers.has(path.relative(testsDir, path.resolve(path.dirname(file), spec)).split(path.sep).join('/'))) {
      return 'integration';
    }
  }
  return 'unit';
}

/** Test files under `dir` of one kind, as paths relative to `root`. */
export function testFilesOfKind(root: string, dir: string, kind: TestKind): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(d, e.name);
      if (e.isDirectory()) return walk(full);
      return e.name.endsWith('.test.ts') ? [full] : [];
    });
  return walk(path.join(root, dir))
    .filter((file) => testKind(file, readFileSync(file, 'utf8')) === kind)
    .map((file) => path.relative(root, file).split(path.sep).join('/'));
}
