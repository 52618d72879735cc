// ServerManager: diffing by name + connection hash, parallel starts, disable, and process-tree cleanup.
import { afterEach, describe, expect, it } from 'vitest';
import { ServerManager } from '../../../app/servers/serverManager.ts';
import { isAlive } from '../../../app/servers/processTree.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigStore } from '../../../app/config/configStore.ts';
import { fixturesDir, serverBins } from '../../support/paths.ts';
import { fastOptions, fixture, stdio, textOf, waitForState } from './helpers.ts';

const managers: ServerManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.dispose()));
});

function manager(options: Partial<ConstructorParameters<typeof ServerManager>[0]> = {}): ServerManager {
  const m = new ServerManager({ ...fastOptions, ...options });
  managers.push(m);
  return m;
}

describe('ServerManager', () => {
  it('restarts only the server whose connection changed', async () => {
    const m = manager();
    const a = fixture('a', 'crash-later.mjs');
    const b = fixture('b', 'print-env.mjs');
    await m.apply([a, b]);
    const connA = m.get('a')!;
    const connB = m.get('b')!;
    const pidA = connA.pid();
    const pidB = connB.pid();
    expect(connA.state().kind).toBe('ready');
    expect(connB.state().kind).toBe('ready');

    const changedB = { ...b, transport: { ...b.transport, env: { CHANGED: '1' } } } as typeof b;
    await m.apply([{ ...a, toolTimeoutSeconds: 5, disabledTools: ['echo'] }, changedB]);
    expect(m.get('a')).toBe(connA);
    expect(connA.pid()).toBe(pidA);
    expect(connA.definition.toolTimeoutSeconds).toBe(5);
    expect(m.get('b')!.state().kind).toBe('ready');
    expect(m.get('b')!.pid()).not.toBe(pidB);
    expect(isAlive(pidB!)).toBe(false);
    const env = JSON.parse(textOf(await m.get('b')!.callTool('env', {}, { timeoutMs: 10_000 }))) as Record<string, string>;
    expect(env.CHANGED).toBe('1');
  });

  it('stops removed and disabled servers and starts them again when enabled', async () => {
    const m = manager();
    const a = fixture('a', 'print-env.mjs');
    const b = fixture('b', 'print-env.mjs');
    await m.apply([a, b]);
    const pidB = m.get('b')!.pid()!;
    await m.apply([{ ...a, disabled: true }]);
    expect(m.get('b')).toBeUndefined();
    expect(isAlive(pidB)).toBe(false);
    expect(m.get('a')!.state()).toEqual({ kind: 'stopped', reason: 'disabled' });
    await m.apply([a]);
    expect(m.get('a')!.state().kind).toBe('ready');
  });

  it('does not let a slow server hold up the others', async () => {
    const m = manager({ initTimeoutMs: 5_000 });
    const seen: string[] = [];
    m.onChange((name) => seen.push(`${name}:${m.get(name)?.state().kind}`));
    const applied = m.apply([fixture('slow', 'slow-start.mjs', ['30']), stdio('everything', serverBins.everything, ['stdio'])]);
    await waitForState(m.get('everything')!, 'ready');
    expect(m.get('slow')!.state().kind).toBe('starting');
    await applied;
    const slow = m.get('slow')!.state();
    expect(slow.kind === 'error' && slow.message).toContain('`slow` did not complete the MCP handshake within 5 s');
    expect(seen.indexOf('everything:ready')).toBeLessThan(seen.indexOf('slow:error'));
  });

  it('kills the whole process tree on dispose, grandchildren included', async () => {
    const m = new ServerManager({ ...fastOptions, stopGraceMs: 500 });
    await m.apply([fixture('tree', 'spawns-grandchild.mjs'), fixture('stubborn', 'spawns-grandchild.mjs', ['ignore-term'])]);
    const pids: number[] = [];
    for (const name of ['tree', 'stubborn']) {
      const conn = m.get(name)!;
      pids.push(conn.pid()!, Number(textOf(await conn.callTool('child_pid', {}, { timeoutMs: 10_000 }))));
    }
    expect(pids.every(isAlive)).toBe(true);
    await m.dispose();
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('stops a server through npx → sh → node style chains', async () => {
    const m = manager({ stopGraceMs: 500 });
    const script = `"${process.execPath}" "${serverBins.everything}" stdio`;
    await m.apply([
      { name: 'shell', transport: { kind: 'stdio', command: '/bin/sh', args: ['-c', `${script}; true`], env: {} }, disabled: false, disabledTools: [] },
    ]);
    const conn = m.get('shell')!;
    expect(conn.state().kind).toBe('ready');
    const { listDescendants } = await import('../../../app/servers/processTree.ts');
    const tree = [conn.pid()!, ...(await listDescendants(conn.pid()!, process.platform))];
    expect(tree.length).toBeGreaterThan(1);
    await m.stop('shell');
    expect(conn.state()).toEqual({ kind: 'stopped', reason: 'stopped by you' });
    expect(tree.filter(isAlive)).toEqual([]);
  });

  it('applies an on-disk config edit by restarting only the edited server', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sb-live-'));
    const file = path.join(dir, 'config.json');
    const entry = (marker: string) => ({ command: process.execPath, args: [path.join(fixturesDir, 'print-env.mjs')], env: { MARKER: marker } });
    writeFileSync(file, JSON.stringify({ mcpServers: { one: entry('1'), two: entry('1') } }));
    const store = new ConfigStore(file, { debounceMs: 50 });
    const m = manager();
    try {
      await m.apply((await store.load()).definitions);
      const [pidOne, pidTwo] = [m.get('one')!.pid(), m.get('two')!.pid()];
      const applied = new Promise<void>((resolve) => {
        const stop = store.watch((config) => {
          stop();
          void m.apply(config.definitions).then(resolve);
        });
      });
      writeFileSync(file, JSON.stringify({ mcpServers: { one: entry('1'), two: entry('2') } }));
      await applied;
      expect(m.get('one')!.pid()).toBe(pidOne);
      expect(m.get('two')!.pid()).not.toBe(pidTwo);
      const env = JSON.parse(textOf(await m.get('two')!.callTool('env', {}, { timeoutMs: 10_000 }))) as Record<string, string>;
      expect(env.MARKER).toBe('2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('forwards state changes and log lines with the server name', async () => {
    const m = manager();
    const changes: string[] = [];
    const logs: string[] = [];
    const offChange = m.onChange((name) => changes.push(name));
    const offLog = m.onLog((name, line) => logs.push(`${name}:${line.source}`));
    await m.apply([fixture('junk', 'junk-stdout.mjs')]);
    offChange();
    offLog();
    expect(changes).toContain('junk');
    expect(logs).toContain('junk:host');
    expect(logs).toContain('junk:stdout');
  });
});
