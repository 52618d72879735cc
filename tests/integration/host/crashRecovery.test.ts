// After the host itself crashes, the next start reaps the server processes it left behind.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { isAlive } from '../../../app/servers/processTree.ts';
import { eventually } from '../../support/eventually.ts';
import { startHarness } from '../../support/hostHarness.ts';
import { fixturesDir, nodeBin, repoRoot } from '../../support/paths.ts';

it('reaps the servers (grandchildren included) that a crashed host left running, using its PID file', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-crash-'));
  try {
    await writeFile(
      path.join(dataDir, 'config.json'),
      JSON.stringify({ mcpServers: { tree: { command: nodeBin, args: [path.join(fixturesDir, 'spawns-grandchild.mjs')] } } }),
    );
    const child = spawn(nodeBin, ['--import', 'tsx', path.join(repoRoot, 'tests/support/hostProcess.ts'), dataDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
      child.on('exit', (code) => reject(new Error(`the host process exited early (${code})`)));
    });
    const recorded = await eventually(async () => {
      const processes: { pid: number }[] = JSON.parse(await readFile(path.join(dataDir, 'servers.pid.json'), 'utf8').catch(() => '{"processes":[]}')).processes;
      return processes.length >= 2 && processes;
    }, 'the PID file to record the server and its grandchild');

    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(recorded.some((p) => isAlive(p.pid))).toBe(true);

    const next = await startHarness({ dataDir, approveLaunches: false });
    try {
      for (const p of recorded) expect(isAlive(p.pid), `pid ${p.pid}`).toBe(false);
    } finally {
      await next.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
