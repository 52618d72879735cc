// Issue 10, part 2: one approval of one fingerprint, through the contract with real processes and a real listener.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostService } from '../../../app/api/contract.ts';
import type { ServerView } from '../../../app/api/views.ts';
import { startHarness, type Harness } from '../../support/hostHarness.ts';
import { fixturesDir, nodeBin } from '../../support/paths.ts';
import { eventually } from '../../support/eventually.ts';

const printEnv = { command: nodeBin, args: [path.join(fixturesDir, 'print-env.mjs')] };
let scratch: string;
let listener: Server;
let listenerUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'switchboard-launch-'));
  listener = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => listener.close(r));
  await rm(scratch, { recursive: true, force: true });
});

async function view(host: HostService, name: string): Promise<ServerView> {
  const found = (await host.call('servers.list', {})).find((s) => s.name === name);
  if (!found) throw new Error(`no server ${name}`);
  return found;
}

async function writeConfig(h: Harness, servers: Record<string, unknown>): Promise<void> {
  await writeFile(path.join(h.dataDir, 'config.json'), JSON.stringify({ mcpServers: servers }, null, 2));
}

describe('one approval of one fingerprint', () => {
  it('refuses an approval when the cwd changed on disk between showing and approving', async () => {
    const h = await startHarness({ config: { mcpServers: { tool: { ...printEnv, cwd: scratch } } }, approveLaunches: false });
    try {
      const shown = await view(h.host, 'tool');
      expect(shown.launch).toMatchObject({ approved: false, cwd: scratch });
      const elsewhere = path.join(scratch, 'elsewhere');
      await writeConfig(h, { tool: { ...printEnv, cwd: elsewhere } });
      const moved = await pollUntil(h.host, 'tool', (s) => s.launch.cwd === elsewhere);
      expect(moved.launch.fingerprint).not.toBe(shown.launch.fingerprint);

      await expect(h.host.call('servers.approveLaunch', { server: 'tool', fingerprint: shown.launch.fingerprint })).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/changed since it was shown/),
      });
      expect((await view(h.host, 'tool')).launch.approved).toBe(false);
    } finally {
      await h.close();
    }
  });

  it('asks again with a real before/now diff when an env value changes on disk', async () => {
    const h = await startHarness({ config: { mcpServers: { tool: { ...printEnv, env: { LOG_LEVEL: 'info', GITHUB_TOKEN: 'ghp_first_value_123' } } } } });
    try {
      await h.waitForServer('tool', 'ready');
      await writeConfig(h, { tool: { ...printEnv, env: { LOG_LEVEL: 'debug', GITHUB_TOKEN: 'ghp_second_value_456' } } });
      const changed = await pollUntil(h.host, 'tool', (s) => s.launch.status === 'changed');
      expect(changed.launch.changes).toEqual([
        { field: 'env GITHUB_TOKEN', change: 'changed', before: '\u2039secret GITHUB_TOKEN\u203a', now: '\u2039secret GITHUB_TOKEN\u203a (new value)' },
        { field: 'env LOG_LEVEL', change: 'changed', before: 'info', now: 'debug' },
      ]);
      expect(JSON.stringify(changed)).not.toMatch(/ghp_/);
      expect(changed.state.kind).toBe('stopped');
    } finally {
      await h.close();
    }
  });

  it('does not approve an imported entry that is saved unchanged from the edit form', async () => {
    const marker = path.join(scratch, 'form-save-marker');
    const h = await startHarness({});
    try {
      const imported = await h.host.call('servers.import', {
        json: JSON.stringify({
          mcpServers: {
            pasted: { command: nodeBin, args: [path.join(fixturesDir, 'print-env.mjs'), marker], env: { NODE_OPTIONS: '--max-old-space-size=64' } },
          },
        }),
      });
      expect(imported.added).toEqual(['pasted']);
      const before = await view(h.host, 'pasted');
      expect(before.launch.status).toBe('never-approved');
      // What the edit form sends when the person opens the entry and presses Save without changing anything.
      const saved = await h.host.call('servers.upsert', {
        previousName: 'pasted',
        name: 'pasted',
        entry: { transport: 'stdio', command: nodeBin, args: [path.join(fixturesDir, 'print-env.mjs'), marker], env: { NODE_OPTIONS: { keep: true } } },
      });
      expect(saved.launch).toMatchObject({ approved: false, status: 'never-approved' });
      expect(saved.state).toMatchObject({ kind: 'stopped' });
      await expect(h.host.call('servers.start', { server: 'pasted' })).rejects.toMatchObject({ code: 'conflict' });

      await h.host.call('servers.approveLaunch', { server: 'pasted', fingerprint: saved.launch.fingerprint });
      await h.waitForServer('pasted', 'ready');
    } finally {
      await h.close();
    }
  });

  it('keeps a form edit of an approved entry approved', async () => {
    const h = await startHarness({});
    try {
      await h.host.call('servers.upsert', { name: 'typed', entry: { transport: 'stdio', ...printEnv, env: { API_TOKEN: 'typed-secret-value' } } });
      const edited = await h.host.call('servers.upsert', {
        previousName: 'typed',
        name: 'typed',
        entry: { transport: 'stdio', ...printEnv, env: { API_TOKEN: { keep: true }, LOG_LEVEL: 'debug' } },
      });
      expect(edited.launch).toMatchObject({ approved: true, status: 'from-form' });
      expect(edited.launch.env.map((e) => e.name)).toEqual(['API_TOKEN', 'LOG_LEVEL']);
    } finally {
      await h.close();
    }
  });

  it('refuses to send a kept secret to a new URL origin or a new command', async () => {
    const h = await startHarness({});
    try {
      await h.host.call('servers.upsert', {
        name: 'remote',
        entry: { transport: 'http', url: 'https://api.example.test/mcp', headers: { Authorization: 'Bearer kept-secret-123' } },
      });
      await expect(
        h.host.call('servers.upsert', {
          previousName: 'remote',
          name: 'remote',
          entry: { transport: 'http', url: `${listenerUrl}/steal`, headers: { Authorization: { keep: true } } },
        }),
      ).rejects.toMatchObject({
        code: 'invalid-params',
        message: expect.stringMatching(/entered for https:\/\/api\.example\.test; it is not sent to http:\/\/127\.0\.0\.1/),
      });
      // Same origin, another path: the secret may stay.
      const samePlace = await h.host.call('servers.upsert', {
        previousName: 'remote',
        name: 'remote',
        entry: { transport: 'http', url: 'https://api.example.test/v2/mcp', headers: { Authorization: { keep: true } } },
      });
      expect(samePlace.entry).toMatchObject({ url: 'https://api.example.test/v2/mcp', headerKeys: ['Authorization'] });

      await h.host.call('servers.upsert', { name: 'local', entry: { transport: 'stdio', ...printEnv, env: { API_TOKEN: 'kept-secret-456' } } });
      await expect(
        h.host.call('servers.upsert', {
          previousName: 'local',
          name: 'local',
          entry: { transport: 'stdio', command: '/bin/sh', args: ['-c', 'env'], env: { API_TOKEN: { keep: true } } },
        }),
      ).rejects.toMatchObject({
        code: 'invalid-params',
        message: expect.stringMatching(/entered for the command \S*node\S* \S*print-env\.mjs; it is not sent to the command \/bin\/sh -c env/),
      });
      // The same command with other arguments (for npx, another package) does not get it either.
      await expect(
        h.host.call('servers.upsert', {
          previousName: 'local',
          name: 'local',
          entry: { transport: 'stdio', ...printEnv, args: [...printEnv.args, '--other'], env: { API_TOKEN: { keep: true } } },
        }),
      ).rejects.toMatchObject({ code: 'invalid-params' });
    } finally {
      await h.close();
    }
  });

  it('does not contact an imported remote URL until the person approves it', async () => {
    const h = await startHarness({});
    try {
      await h.host.call('servers.import', {
        json: JSON.stringify({ mcpServers: { far: { url: `${listenerUrl}/imported`, headers: { 'X-Api-Key': 'imported-key-789' } } } }),
      });
      const waiting = await view(h.host, 'far');
      expect(waiting.launch).toMatchObject({
        approved: false,
        status: 'never-approved',
        target: 'url',
        commandLine: `${listenerUrl}/imported`,
        headerNames: ['X-Api-Key'],
      });
      // A server typed into the form at the same listener is contacted: by then the imported one would have been too.
      await h.host.call('servers.upsert', { name: 'near', entry: { transport: 'http', url: `${listenerUrl}/typed`, headers: {} } });
      await h.waitFor(() => seen.some((s) => s.includes('/typed')), 'the typed server to be contacted');
      expect(seen.filter((s) => s.includes('/imported'))).toEqual([]);

      await h.host.call('servers.approveLaunch', { server: 'far', fingerprint: waiting.launch.fingerprint });
      await h.waitFor(() => seen.some((s) => s.includes('/imported')), 'the approved server to be contacted');
    } finally {
      await h.close();
    }
  });
});

async function pollUntil(host: HostService, name: string, check: (s: ServerView) => boolean): Promise<ServerView> {
  let last: ServerView | undefined;
  return eventually(
    async () => {
      last = (await host.call('servers.list', {})).find((v) => v.name === name);
      return last && check(last) && last;
    },
    () => `${name}: ${JSON.stringify(last?.launch)}`,
    { everyMs: 50 },
  );
}
