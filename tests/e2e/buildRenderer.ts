// Builds the renderer once per e2e run into a private temp folder, so tests never race `npm run build` over out/.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build, type Plugin } from 'vite';
import { repoRoot } from '../support/paths.ts';

/** Beside the chunks: `modules.json`, each chunk's file name → the module ids (absolute paths) bundled into it. */
export const MODULES_FILE = 'modules.json';

const listModules: Plugin = {
  name: 'list-modules',
  generateBundle(_options, bundle) {
    const modules: Record<string, string[]> = {};
    for (const [file, chunk] of Object.entries(bundle)) if (chunk.type === 'chunk') modules[file] = chunk.moduleIds;
    this.emitFile({ type: 'asset', fileName: MODULES_FILE, source: JSON.stringify(modules) });
  },
};

export async function buildRendererForTests(): Promise<string> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-ui-'));
  await build({
    configFile: false,
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    root: path.join(repoRoot, 'renderer'),
    base: '/',
    logLevel: 'warn',
    plugins: [listModules],
    oxc: { jsx: { runtime: 'automatic', development: false } },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      chunkSizeWarningLimit: 1024,
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      rolldownOptions: { input: path.join(repoRoot, 'renderer', 'index.html') },
    },
  });
  return outDir;
}
