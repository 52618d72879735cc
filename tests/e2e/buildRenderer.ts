// Builds the renderer once per e2e run into a private temp folder, so tests never race `npm run build` over out/.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { repoRoot } from '../support/paths.ts';

export async function buildRendererForTests(): Promise<string> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-ui-'));
  await build({
    configFile: false,
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    root: path.join(repoRoot, 'renderer'),
    base: '/',
    logLevel: 'warn',
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
