// The runtime layout (DESIGN.md §2) as a test: the core never imports Electron or React,
// and the preload imports only electron and app/api.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths.ts';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(full));
    else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const patterns = [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /^\s*import\s+['"]([^'"]+)['"]/gm,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]!);
  return found;
}

describe('layering', () => {
  it('nothing under app/ imports electron, react or the shells', () => {
    const offenders = sources(path.join(repoRoot, 'app')).flatMap((file) =>
      imports(file)
        .filter((spec) => /^(electron|react|react-dom|zustand)(\/|$)/.test(spec) || /(^|\/)(main|preload|renderer)\//.test(spec))
        .map((spec) => `${path.relative(repoRoot, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the preload imports only electron and app/api', () => {
    const offenders = sources(path.join(repoRoot, 'preload')).flatMap((file) =>
      imports(file)
        .filter((spec) => !(spec === 'electron' || spec.startsWith('./') || /^\.\.\/app\/api\/[a-z]+\.ts$/.test(spec)))
        .map((spec) => `${path.relative(repoRoot, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the renderer transport imports no Node and no Electron', () => {
    const offenders = sources(path.join(repoRoot, 'renderer', 'api')).flatMap((file) =>
      imports(file)
        .filter((spec) => /^(node:|electron|ws$|fs$|path$)/.test(spec))
        .map((spec) => `${path.relative(repoRoot, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
