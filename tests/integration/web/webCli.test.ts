// `npm run web` as a person runs it: a real child process that prints its URL once,
// serves it on 127.0.0.1, and on SIGTERM stops cleanly without ever logging the token again.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost } from '../../../app/host/createHost.ts';
import { isAlive, listDescendants } from '../../../app/servers/processTree.ts';
import { eventually } from '../../support/eventually.ts';
import { fixturesDir, nodeBin, repoRoot } from '../../support/paths.ts';

let dataDir: string | undefined;
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('web mode entry', () => {
  it('prints the URL with its token once, serves it, prints a new one-time link on SIGUSR2, and exits 0 on SIGTERM', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-cli-'));
    const child = spawn(nodeBin, ['--import', 'tsx', path.join(repoRoot, 'main/web/cli.ts'), '--port', '0', '--data-dir', dataDir], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        stdout += String(d);
        const m = /Switchboard is running at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited early (${code}): ${stderr}`)));
    });
    const token = new URL(url).hash.slice('#token='.length);
    expect(token.length).toBeGreaterThanOrEqual(43);

    const res = await fetch(url, { redirect: 'manual' });
    expect([200, 503]).toContain(res.status); // 503: the UI is not built in this checkout; the server answers either way
    expect(res.headers.get('set-cookie')).toBeNull();

    child.kill('SIGUSR2');
    const link = await new Promise<string>((resolve) => {
      const find = () => {
        const m = /One-time link \(valid for 5 minutes\): (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(stdout);
        if (m) resolve(m[1]!);
      };
      child.stdout.on('data', find);
      find();
    });
    expect(link).not.toBe(url);

    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stdout.split(token).length - 1).toBe(1);
    expect(stderr).not.toContain(token);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`leaves no server process alive, grandchildren included, after ${signal}`, async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-cli-quit-'));
      const tree = { command: nodeBin, args: [path.join(fixturesDir, 'spawns-grandchild.mjs')] };
      await writeFile(path.join(dataDir, 'config.json'), JSON.stringify({ mcpServers: { tree } }));
      // The person approved this command line in an earlier session.
      const host = await createHost({ dataDir, env: { PATH: process.env.PATH }, mode: 'test', watchConfig: false });
      const [view] = await host.call('servers.list', {});
      await host.call('servers.approveLaunch', { server: 'tree', fingerprint: view!.launch.fingerprint });
      await host.dispose();

      const child = spawn(nodeBin, ['--import', 'tsx', path.join(repoRoot, 'main/web/cli.ts'), '--port', '0', '--data-dir', dataDir], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, HOME: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const pids = await eventually(
        async () => {
          const found = (await listDescendants(child.pid!, 'linux')).filter((pid) => {
            try {
              return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('spawns-grandchild');
            } catch {
              return false;
            }
          });
          return found.length >= 2 && found;
        },
        'the server and its grandchild to start',
        { everyMs: 50 },
      );

      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      expect(await exit).toBe(0);
      for (const pid of pids) expect(isAlive(pid), `pid ${pid}`).toBe(false);
    });
  }

  it('explains a bad --port and exits 2', async () => {
    const child = spawn(nodeBin, ['--import', 'tsx', path.join(repoRoot, 'main/web/cli.ts'), '--port', 'eighty'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port must be a whole number/);
  });
});
