// A local server's sandbox policy is part of what the person approves: shown in the launch approval, in its
// fingerprint when the entry sets one, and widening it on disk stops the server until the person approves again.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServerView } from '../../../app/api/views.ts';
import { canonicalHash } from '../../../app/safety/canonicalJson.ts';
import { startHarness, type Harness } from '../../support/hostHarness.ts';
import { eventually } from '../../support/eventually.ts';
import { fixturesDir, nodeBin } from '../../support/paths.ts';

const printEnv = { command: nodeBin, args: [path.join(fixturesDir, 'print-env.mjs')] };

async function view(h: Harness, name: string): Promise<ServerView | undefined> {
  return (await h.host.call('servers.list', {})).find((s) => s.name === name);
}

async function writeConfig(h: Harness, servers: Record<string, unknown>): Promise<void> {
  await writeFile(path.join(h.dataDir, 'config.json'), JSON.stringify({ mcpServers: servers }, null, 2));
}

describe('the sandbox policy in the launch approval', () => {
  it('keeps the fingerprint of an entry without a policy, shows the default policy and runs it sandboxed', async () => {
    const h = await startHarness({ config: { mcpServers: { tool: printEnv } } });
    try {
      await h.waitForServer('tool', 'ready');
      const shown = await view(h, 'tool');
      expect(shown?.launch.fingerprint).toBe(canonicalHash({ command: printEnv.command, args: printEnv.args, env: {}, cwd: null }));
      expect(shown?.launch.sandbox?.[0]).toMatch(/^reads: everything but where secrets live/);
      expect(shown?.launch.sandbox).toContain('network: none');
      expect(shown?.sandbox).toEqual({ kind: 'sandboxed', blocked: [] });
      expect((await h.host.call('servers.logs', { server: 'tool' })).some((l) => l.text.startsWith('sandboxed: '))).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('asks again, and does not start, when the policy is widened on disk', async () => {
    const h = await startHarness({ config: { mcpServers: { tool: printEnv } } });
    try {
      await h.waitForServer('tool', 'ready');
      const before = (await view(h, 'tool'))?.launch.fingerprint;
      await writeConfig(h, { tool: { ...printEnv, sandbox: { writable: ['~/Documents'], domains: ['api.example.com'] } } });
      const changed = await eventually(async () => {
        const v = await view(h, 'tool');
        return v?.launch.status === 'changed' ? v : undefined;
      }, 'the widened policy to need approval');
      expect(changed.launch.fingerprint).not.toBe(before);
      expect(changed.launch.changes).toEqual([{ field: 'Sandbox', change: 'added', now: 'also writes: ~/Documents; connects to: api.example.com' }]);
      expect(changed.launch.sandbox).toEqual(expect.arrayContaining(['also writes: ~/Documents', 'connects to: api.example.com']));
      expect(changed.state.kind).toBe('stopped');

      await h.host.call('servers.approveLaunch', { server: 'tool', fingerprint: changed.launch.fingerprint });
      await h.waitForServer('tool', 'ready');
    } finally {
      await h.close();
    }
  });

  it('asks again when an entry turns its sandbox off on disk', async () => {
    const h = await startHarness({ config: { mcpServers: { tool: printEnv } } });
    try {
      await h.waitForServer('tool', 'ready');
      await writeConfig(h, { tool: { ...printEnv, sandbox: false } });
      const changed = await eventually(async () => {
        const v = await view(h, 'tool');
        return v?.launch.status === 'changed' ? v : undefined;
      }, 'sandbox false to need approval');
      expect(changed.launch.sandbox?.[0]).toMatch(/^not sandboxed/);
      expect(changed.launch.changes).toEqual([
        expect.objectContaining({
          field: 'Sandbox',
          change: 'changed',
          before: expect.stringContaining('network: none'),
          now: expect.stringMatching(/^not sandboxed/),
        }),
      ]);
      expect(changed.state.kind).toBe('stopped');
    } finally {
      await h.close();
    }
  });

  it('shows a refusal on the server page, and "allow this" widens the policy only after the person approves it', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'switchboard-home-'));
    await mkdir(path.join(home, '.ssh'));
    await writeFile(path.join(home, '.ssh', 'id_rsa'), 'CANARY');
    const hostile = { command: nodeBin, args: [path.join(fixturesDir, 'hostile-sandbox.mjs'), '--read', path.join(home, '.ssh', 'id_rsa')] };
    const h = await startHarness({ config: { mcpServers: { hostile } }, env: { HOME: home }, deps: { home } });
    try {
      const blocked = await eventually(async () => {
        const v = await view(h, 'hostile');
        return v?.sandbox?.blocked.find((b) => b.text === 'blocked reading ~/.ssh/id_rsa');
      }, 'the refusal on the server page');
      expect(blocked.allow).toEqual({ kind: 'read', value: '~/.ssh/id_rsa' });

      const widened = await h.host.call('servers.setSandbox', { server: 'hostile', sandbox: { readable: [blocked.allow.value], writable: [], domains: [] } });
      const waiting = await eventually(
        async () => {
          const v = await view(h, 'hostile');
          return v?.launch.status === 'changed' && v.state.kind === 'stopped' ? v : undefined;
        },
        () => `the wider policy to wait for approval (was ${widened.launch.status})`,
      );
      expect(waiting.launch.changes).toEqual([{ field: 'Sandbox', change: 'added', now: 'also reads: ~/.ssh/id_rsa' }]);
      expect(waiting.entry).toMatchObject({ sandbox: { readable: ['~/.ssh/id_rsa'], writable: [], domains: [] } });

      await h.host.call('servers.approveLaunch', { server: 'hostile', fingerprint: waiting.launch.fingerprint });
      await h.waitForServer('hostile', 'ready');
      await eventually(async () => (await h.host.call('servers.logs', { server: 'hostile' })).some((l) => l.text === 'read ok'), 'the allowed read');
    } finally {
      await h.close();
      await rm(home, { recursive: true, force: true });
    }
  });

  it('changes only the sandbox field when the page changes it: an inline secret stays where the person wrote it', async () => {
    const h = await startHarness({
      config: { mcpServers: { tool: { ...printEnv, env: { GITHUB_TOKEN: 'ghp_kept_secret_value_1' }, toolTimeoutSeconds: 90 } } },
    });
    try {
      await h.waitForServer('tool', 'ready');
      const before = await readFile(path.join(h.dataDir, 'config.json'), 'utf8');
      await h.host.call('servers.setSandbox', { server: 'tool', sandbox: { readable: [], writable: ['~/notes', ' ~/notes '], domains: [] } });
      const after = JSON.parse(await readFile(path.join(h.dataDir, 'config.json'), 'utf8')) as { mcpServers: { tool: Record<string, unknown> } };
      expect(after.mcpServers.tool).toEqual({ ...JSON.parse(before).mcpServers.tool, sandbox: { readable: [], writable: ['~/notes'], domains: [] } });
      const waiting = await eventually(async () => {
        const v = await view(h, 'tool');
        return v?.launch.status === 'changed' ? v : undefined;
      }, 'the new policy to wait for approval');
      expect(waiting.launch.changes).toEqual([{ field: 'Sandbox', change: 'added', now: 'also writes: ~/notes' }]);
      await h.host.call('servers.approveLaunch', { server: 'tool', fingerprint: waiting.launch.fingerprint });
      await h.waitForServer('tool', 'ready');
    } finally {
      await h.close();
    }
  });
});
