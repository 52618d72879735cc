// `npm run build`: builds the three runtimes with Vite's JS API and explicit entries.
//   renderer/index.html          → out/renderer/         (browser)
//   main/electron/main.ts         → out/main/electron.cjs (Electron main, CJS)
//   main/web/cli.ts               → out/main/web.mjs      (web mode, Node ESM)
//   preload/preload.ts            → out/preload/preload.cjs (sandboxed preload, one CJS file)
// Usage: node scripts/build.mjs [renderer|main|preload ...]   (no names = all)
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const npmDeps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
const nodeExternal = [
  'electron',
  /^electron\//,
  /^node:/,
  ...builtinModules,
  ...npmDeps.map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/|$)`)),
];

export const targets = {
  async renderer() {
    const html = path.join(root, 'renderer', 'index.html');
    if (!existsSync(html)) {
      throw new Error('renderer/index.html is missing: the UI has not been written yet, so there is nothing to build for the renderer.');
    }
    await build({
      configFile: false,
      root: path.join(root, 'renderer'),
      base: '/',
      logLevel: 'warn',
      oxc: { jsx: { runtime: 'automatic' } },
      build: {
        outDir: path.join(out, 'renderer'),
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: true,
        // Inline assets would need `data:` in script/style CSP slots; keep every asset a file.
        assetsInlineLimit: 0,
        chunkSizeWarningLimit: 2000,
        modulePreload: { polyfill: false },
        rolldownOptions: { input: html },
      },
    });
  },

  async main() {
    const common = (entry, fileName, format) => ({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        ssr: path.join(root, entry),
        outDir: path.join(out, 'main'),
        emptyOutDir: false,
        target: 'node20',
        sourcemap: true,
        minify: false,
        rolldownOptions: {
          external: nodeExternal,
          output: { format, entryFileNames: fileName, codeSplitting: false },
        },
      },
      ssr: { noExternal: [], target: 'node' },
    });
    await build(common('main/electron/main.ts', 'electron.cjs', 'cjs'));
    await build(common('main/web/cli.ts', 'web.mjs', 'es'));
  },

  async preload() {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        outDir: path.join(out, 'preload'),
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: false,
        minify: false,
        lib: { entry: path.join(root, 'preload', 'preload.ts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
        rolldownOptions: { external: ['electron'], output: { codeSplitting: false } },
      },
    });
  },
};

export async function buildAll(names = Object.keys(targets)) {
  for (const name of names) {
    if (!(name in targets)) throw new Error(`Unknown build target "${name}". Choose from: ${Object.keys(targets).join(', ')}.`);
    const started = Date.now();
    await targets[name]();
    console.log(`built ${name} in ${Date.now() - started} ms`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAll(process.argv.slice(2).length ? process.argv.slice(2) : undefined).catch((error) => {
    console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
