// Lint rules follow the runtime layout in DESIGN.md §2: each folder may import only what its runtime has.
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'stream', 'events', 'url', 'util'];

// One group per folder, so a `!` pattern can re-allow what a broader pattern forbids (e.g. app/api).
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

// app/ folders are layers, lowest first (app/layers.json): each imports only the folders before it.
const layers = JSON.parse(readFileSync(new URL('./app/layers.json', import.meta.url), 'utf8')).order;
const appRuntime = ['electron', 'electron/*', 'react', 'react-dom', 'react/*', 'zustand', '**/main/**', '**/renderer/**', '**/preload/**'];
const layerRules = layers.slice(1).map((folder, i) => {
  const above = layers.slice(i + 2);
  return {
    files: [`app/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: appRuntime, message: 'app/ is the host core: plain Node, no Electron, no DOM, no UI (DESIGN.md §2).' },
            ...(above.length
              ? [
                  {
                    group: above.flatMap((f) => [`../${f}/**`, `../../${f}/**`]),
                    message: `app/${folder} may import only ${layers
                      .slice(0, i + 1)
                      .map((f) => `app/${f}`)
                      .join(', ')}: folders import only the layers below them (app/layers.json, docs/ARCHITECTURE.md).`,
                  },
                ]
              : []),
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.tsbuild/**', 'test-artifacts/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['app/api/**/*.ts'],
    rules: restrict(
      [
        ...nodeBuiltins,
        'electron',
        'react',
        'react-dom',
        '@modelcontextprotocol/*',
        '@anthropic-ai/*',
        'ws',
        '../**',
        '**/main/**',
        '**/renderer/**',
        '**/preload/**',
      ],
      'app/api is pure TypeScript: it may import only zod and itself (DESIGN.md §2).',
    ),
  },
  {
    files: ['app/**/*.ts'],
    ignores: ['app/api/**'],
    rules: restrict(appRuntime, 'app/ is the host core: plain Node, no Electron, no DOM, no UI (DESIGN.md §2).'),
  },
  ...layerRules,
  {
    files: ['main/**/*.ts'],
    rules: restrict(['**/renderer/**', '**/preload/**', 'react', 'react-dom'], 'main/ may not import the renderer or preload (DESIGN.md §2).'),
  },
  {
    files: ['preload/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, '**/app/*/**', '!**/app/api/**', '**/main/**', '**/renderer/**', 'zod', 'react'],
      'preload/ bundles to one small sandboxed file: only electron and app/api constants (DESIGN.md §2).',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(
      [
        ...nodeBuiltins,
        'electron',
        'electron/*',
        '**/app/*/**',
        '!**/app/api/**',
        '**/main/**',
        '**/preload/**',
        '@modelcontextprotocol/*',
        '!@modelcontextprotocol/ext-apps',
        '@modelcontextprotocol/ext-apps/*',
        '!@modelcontextprotocol/ext-apps/app-bridge',
        '@anthropic-ai/*',
        'ws',
      ],
      'renderer/ runs in the browser: it may import app/api, React, zustand, UI libraries and the MCP Apps host bridge (@modelcontextprotocol/ext-apps/app-bridge) only (DESIGN.md §2).',
    ),
  },
);
