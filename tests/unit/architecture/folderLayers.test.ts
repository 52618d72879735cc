// Folders in app/ form layers: every import between folders points down the order in app/layers.json.
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths.ts';
import { folderCycles, folderImports, importSpecifiers, layerOrder, layerViolations, type FolderImport } from './folderGraph.ts';

const appDir = path.join(repoRoot, 'app');
const order = layerOrder(path.join(appDir, 'layers.json'));

describe('app/ folder layers', () => {
  it('every import between app/ folders points down, and no folders import each other', () => {
    expect(layerViolations(folderImports(appDir), order)).toEqual([]);
  });

  it('every folder of app/ is listed in the order, once', () => {
    const folders = readdirSync(appDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !order.includes(f))).toEqual([]);
    expect(new Set(order).size).toBe(order.length);
    expect(order[0]).toBe('api');
    expect(order.at(-1)).toBe('host');
  });

  describe('the checker can fail', () => {
    const copies: string[] = [];
    afterAll(() => {
      for (const dir of copies) rmSync(dir, { recursive: true, force: true });
    });

    it('flags an upward import planted in a copy of app/', () => {
      const copy = mkdtempSync(path.join(tmpdir(), 'sb-layers-'));
      copies.push(copy);
      cpSync(appDir, copy, { recursive: true });
      writeFileSync(path.join(copy, 'servers', 'planted.ts'), "import type { HostDeps } from '../host/hostDeps.ts';\nexport type X = HostDeps;\n");
      const problems = layerViolations(folderImports(copy), order);
      expect(problems).toContain('servers/planted.ts imports app/host, which is not below app/servers');
      expect(problems).toContain('folders import each other: ' + folderCycles(folderImports(copy))[0]!.join(' ⇄ '));
    });

    it('flags a sideways import, an unlisted folder and a cycle on a planted graph', () => {
      const graph: FolderImport[] = [
        { from: 'servers', to: 'base', file: 'servers/a.ts' },
        { from: 'routing', to: 'llm', file: 'routing/b.ts' },
        { from: 'llm', to: 'routing', file: 'llm/c.ts' },
        { from: 'newthing', to: 'base', file: 'newthing/d.ts' },
      ];
      expect(layerViolations(graph, ['api', 'base', 'servers', 'routing', 'llm'])).toEqual([
        'app/newthing is not listed in app/layers.json: add it where it belongs',
        'folders import each other: llm ⇄ routing',
        'routing/b.ts imports app/llm, which is not below app/routing',
      ]);
      expect(layerViolations(graph.slice(0, 1), ['api', 'base', 'servers'])).toEqual([]);
    });

    it('reads every form of import', () => {
      const text = [
        "import { a } from '../x/a.ts';",
        "import type { B } from '../y/b.ts';",
        "export { c } from '../z/c.ts';",
        "import '../w/side.ts';",
        "const d = await import('../v/d.ts');",
        "import {\n  e,\n  type F,\n} from '../u/e.ts';",
      ].join('\n');
      expect(importSpecifiers(text).sort()).toEqual(['../u/e.ts', '../v/d.ts', '../w/side.ts', '../x/a.ts', '../y/b.ts', '../z/c.ts']);
    });
  });
});
