// The folder graph of app/, built from relative imports, and the rule it must follow: folders form
// layers (app/layers.json, lowest first) and every import between folders points down.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface FolderImport {
  from: string;
  to: string;
  /** The importing file, relative to the root. */
  file: string;
}

const importPatterns = [/\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /^\s*import\s+['"]([^'"]+)['"]/gm];

/** The module specifiers a source file imports or re-exports. */
export function importSpecifiers(text: string): string[] {
  const found = new Set<string>();
  for (const re of importPatterns) for (const m of text.matchAll(re)) found.add(m[1]!);
  return [...found];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts)$/.test(entry.name) ? [full] : [];
  });
}

/** Every import under `root` from one top-level folder into another. */
export function folderImports(root: string): FolderImport[] {
  const out: FolderImport[] = [];
  for (const file of sourceFiles(root)) {
    const from = path.relative(root, file).split(path.sep)[0]!;
    for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = path.relative(root, path.resolve(path.dirname(file), spec));
      if (target.startsWith('..')) continue;
      const to = target.split(path.sep)[0]!;
      if (to !== from && !path.extname(to)) out.push({ from, to, file: path.relative(root, file) });
    }
  }
  return out;
}

/** Folders that reach each other, each cycle once (strongly connected components of more than one folder). */
export function folderCycles(imports: FolderImport[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of imports) {
    if (!next.has(from)) next.set(from, new Set());
    if (!next.has(to)) next.set(to, new Set());
    next.get(from)!.add(to);
  }
  // Tarjan's algorithm.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node)!) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

/** What breaks the layer order, one sentence each: upward or sideways imports, unlisted folders, cycles. */
export function layerViolations(imports: FolderImport[], order: readonly string[]): string[] {
  const rank = new Map(order.map((folder, i) => [folder, i] as const));
  const problems = new Set<string>();
  for (const { from, to, file } of imports) {
    const a = rank.get(from);
    const b = rank.get(to);
    if (a === undefined) problems.add(`app/${from} is not listed in app/layers.json: add it where it belongs`);
    else if (b === undefined) problems.add(`app/${to} is not listed in app/layers.json: add it where it belongs`);
    else if (b >= a) problems.add(`${file} imports app/${to}, which is not below app/${from}`);
  }
  for (const cycle of folderCycles(imports)) problems.add(`folders import each other: ${cycle.join(' ⇄ ')}`);
  return [...problems].sort();
}

/** The declared order, lowest first. */
export function layerOrder(layersJson: string): string[] {
  const parsed: unknown = JSON.parse(readFileSync(layersJson, 'utf8'));
  const order = (parsed as { order?: unknown }).order;
  if (!Array.isArray(order) || !order.every((f) => typeof f === 'string')) throw new Error(`${layersJson} has no "order" list of folder names`);
  return order;
}
