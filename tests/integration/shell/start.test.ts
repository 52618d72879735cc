// `npm start` where Electron cannot run (no display here): one line saying why, then web mode.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBin, repoRoot } from '../../support/paths.ts';

describe('npm start', () => {
  it('says in one line why Electron cannot start, then serves web mode and stops on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-start-'));
    const env: Record<string, string | undefined> = { ...process.env, HOME: dataDir };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const child = spawn(nodeBin, [path.join(repoRoot, 'scripts/start.mjs'), '--port', '0', '--data-dir', dataDir], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          stdout += String(d);
          const m = /Switchboard is running at (\S+)/.exec(stdout);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`start.mjs exited (${code}):\n${stdout}\n${stderr}`)));
      });
      const reasons = stdout.split('\n').filter((l) => l.startsWith('Electron cannot start here:'));
      expect(reasons).toHaveLength(1);
      expect(reasons[0]).toMatch(/no display/);
      expect(stdout.indexOf(reasons[0]!)).toBeLessThan(stdout.indexOf(url));
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{43}$/);
      const page = await fetch(url, { redirect: 'manual' });
      expect(page.status).toBe(200);
      expect(page.headers.get('set-cookie')).toBeNull();
      const exit = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
