// No class in app/ has more than 15 public methods: a class that grows past that owns more than one
// concern, and the concern moves to its owner (as the PID file moved from ServerFleet to ServerManager).
// Members an SDK interface makes a class have (HostOAuthProvider implements the SDK's OAuthClientProvider:
// tokens, saveTokens, codeVerifier, …) are the SDK's design, not ours: they do not count.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths.ts';

export const MAX_PUBLIC_METHODS = 15;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** The member names of each interface the SDK's client declares that a class of ours implements. */
function sdkInterfaceMembers(): Map<string, Set<string>> {
  const file = path.join(repoRoot, 'node_modules/@modelcontextprotocol/client/dist/index.d.mts');
  const members = new Map<string, Set<string>>();
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'OAuthClientProvider') {
      members.set(node.name.text, new Set(node.members.flatMap((m) => (m.name ? [m.name.getText()] : []))));
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
  return members;
}

/** Each class in `text` with its public methods (methods, and properties that hold a function); accessors are properties. */
export function publicMethods(file: string, text: string, external: Map<string, Set<string>> = new Map()): { name: string; methods: string[] }[] {
  const found: { name: string; methods: string[] }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node)) {
      const methods = new Set<string>();
      const implemented = (node.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText()));
      const theirs = new Set(implemented.flatMap((name) => [...(external.get(name) ?? [])]));
      for (const member of node.members) {
        if (ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        if (!member.name || ts.isPrivateIdentifier(member.name)) continue;
        const holdsFunction =
          ts.isPropertyDeclaration(member) &&
          member.initializer !== undefined &&
          (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer));
        if ((ts.isMethodDeclaration(member) || holdsFunction) && !theirs.has(member.name.getText())) methods.add(member.name.getText());
      }
      found.push({ name: node.name?.getText() ?? '(anonymous class)', methods: [...methods] });
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  return found;
}

/** `file: Class has N public methods` for every class over the limit. */
export function oversizedClasses(files: { file: string; text: string }[], external?: Map<string, Set<string>>): string[] {
  return files.flatMap(({ file, text }) =>
    publicMethods(file, text, external)
      .filter((c) => c.methods.length > MAX_PUBLIC_METHODS)
      .map((c) => `${file}: ${c.name} has ${c.methods.length} public methods`),
  );
}

describe('class size', () => {
  it(`no class in app/ has more than ${MAX_PUBLIC_METHODS} public methods`, () => {
    const files = sources(path.join(repoRoot, 'app')).map((full) => ({ file: path.relative(repoRoot, full), text: readFileSync(full, 'utf8') }));
    expect(files.length).toBeGreaterThan(100);
    const sdk = sdkInterfaceMembers();
    expect(sdk.get('OAuthClientProvider')?.has('saveTokens')).toBe(true);
    expect(oversizedClasses(files, sdk)).toEqual([]);
  });

  it('flags a planted class with 16 public methods, and not one with 15 plus private ones and getters', () => {
    const methods = (n: number, prefix = '') => Array.from({ length: n }, (_, i) => `  ${prefix}m${i}(): number { return ${i}; }`).join('\n');
    const big = `export class Big {\n${methods(15)}\n  readonly late = (): void => {};\n}`;
    const fine = `export class Fine {\n${methods(15)}\n${methods(5, 'private p')}\n  get size(): number { return 1; }\n  readonly count = 3;\n}`;
    expect(oversizedClasses([{ file: 'app/big.ts', text: big }])).toEqual(['app/big.ts: Big has 16 public methods']);
    expect(oversizedClasses([{ file: 'app/fine.ts', text: fine }])).toEqual([]);
    // Implementing an SDK interface: its members do not count, the class's own still do.
    const provider = `export class P implements OAuthClientProvider {\n${methods(16)}\n}`;
    const theirs = new Map([['OAuthClientProvider', new Set(['m0', 'm1'])]]);
    expect(oversizedClasses([{ file: 'app/p.ts', text: provider }], theirs)).toEqual([]);
    expect(oversizedClasses([{ file: 'app/p.ts', text: provider }])).toEqual(['app/p.ts: P has 16 public methods']);
  });
});
