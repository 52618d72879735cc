// `npm start`: builds what is missing or stale, then opens the desktop app. Where Electron
// cannot start (no runtime binary, or no display), it says why in one line and serves the
// same app in web mode. `--web` (npm run web) goes straight to web mode.
// Flags passed through: --port N, --data-dir DIR.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const passThrough = args.filter((a) => a !== '--web');

const outputs = {
  renderer: { file: 'out/renderer/index.html', sources: ['renderer', 'app/api'] },
  main: { file: 'out/main/web.mjs', sources: ['main', 'app'], also: ['out/main/electron.cjs'] },
  preload: { file: 'out/preload/preload.cjs', sources: ['preload', 'app/api'] },
};

function newestMtime(dir) {
  let newest = 0;
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  if (existsSync(dir)) walk(dir);
  return newest;
}

function isStale(name) {
  const target = outputs[name];
  const files = [target.file, ...(target.also ?? [])].map((f) => path.join(root, f));
  if (!files.every((f) => existsSync(f))) return true;
  const built = Math.min(...files.map((f) => statSync(f).mtimeMs));
  return target.sources.some((s) => newestMtime(path.join(root, s)) > built);
}

/** Why Electron cannot start here, or undefined when it can. Never downloads anything. */
function electronUnavailable() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  }
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(dir)) return 'the electron package is not installed';
  if (!existsSync(pathFile)) return "Electron's runtime binary is not downloaded (run `npx install-electron` where the network allows)";
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, readFileSync(pathFile, 'utf8'))
    : path.join(dir, 'dist', readFileSync(pathFile, 'utf8'));
  if (!existsSync(binary)) return `Electron's runtime binary is missing (${binary})`;
  return undefined;
}

function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  const rel = readFileSync(path.join(dir, 'path.txt'), 'utf8');
  return process.env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel) : path.join(dir, 'dist', rel);
}

async function ensureBuilt(names) {
  const stale = names.filter(isStale);
  if (stale.length === 0) return;
  console.log(`Building ${stale.join(', ')}…`);
  const { buildAll } = await import(pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href);
  await buildAll(stale);
}

function runElectron() {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electronBinary(), [root, ...passThrough], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function runWeb() {
  // The web entry parses process.argv itself (--port, --data-dir) and handles SIGINT/SIGTERM.
  await import(pathToFileURL(path.join(root, 'out', 'main', 'web.mjs')).href);
}

async function main() {
  const wantWeb = args.includes('--web');
  const why = wantWeb ? undefined : electronUnavailable();
  const electron = !wantWeb && !why;
  await ensureBuilt(electron ? ['renderer', 'main', 'preload'] : ['renderer', 'main']);
  if (electron) return runElectron();
  if (why) console.log(`Electron cannot start here: ${why}. Serving Switchboard in web mode instead.`);
  await runWeb();
}

main().catch((error) => {
  console.error(`switchboard: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
