// A local server's sandbox policy is part of what the person approves: shown in the launch approval, in its
// fingerprint when the entry sets one, and widening it on disk stops the server until the person approves again.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServerView } from '../../app/api/views.ts';
import { canonicalHash } from '../../app/safety/canonicalJson.ts';
import { startHarness, type Harness } from '../support/hostHarness.ts';
import { eventually } from '../support/eventually.ts';
import { fixturesDir, nodeBin } from '../support/paths.ts';

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
      expect((await h.host.call('servers.logs', { name: 'tool' })).some((l) => l.text.startsWith('sandboxed: '))).toBe(true);
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
      expect(changed.launch.changes).toEqual([expect.objectContaining({ field: 'Sandbox', change: 'changed', now: expect.stringContaining('connects to: api.example.com') })]);
      expect(changed.launch.sandbox).toEqual(expect.arrayContaining(['also writes: ~/Documents', 'connects to: api.example.com']));
      expect(changed.state.kind).toBe('stopped');

      await h.host.call('servers.approveLaunch', { name: 'tool', fingerprint: changed.launch.fingerprint });
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
      expect(changed.state.kind).toBe('stopped');
    } finally {
      await h.close();
    }
  });
});
