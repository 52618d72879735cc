import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../app/base/logger.ts';
import { GrantStore } from '../../../app/safety/grantStore.ts';
import { toolFingerprint } from '../../../app/safety/toolFingerprint.ts';
import { useTempDirs } from '../../support/tempDir.ts';

const tempDir = useTempDirs();
const tool = { name: 'read_file', description: 'Read a file.', inputSchema: { type: 'object' } };

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, warn: (m) => void warnings.push(m), error() {} };
}

describe('GrantStore', () => {
  it('persists grants keyed by server identity, tool name and fingerprint across a reload', async () => {
    const dataDir = await tempDir();
    const store = new GrantStore({ dataDir, clock: { now: () => 1234 } });
    await store.load();
    const grant = await store.add({ serverIdentity: 'stdio:abc', server: 'files', tool });
    expect(grant).toMatchObject({
      serverIdentity: 'stdio:abc',
      server: 'files',
      toolName: 'read_file',
      toolFingerprint: toolFingerprint(tool),
      grantedAt: 1234,
    });

    const again = new GrantStore({ dataDir });
    await again.load();
    expect(again.list()).toEqual([grant]);
    expect(again.find('stdio:abc', 'read_file')?.id).toBe(grant.id);
    expect(again.find('stdio:other', 'read_file')).toBeUndefined();
  });

  it('keeps one grant per server identity and tool', async () => {
    const store = new GrantStore({ dataDir: await tempDir() });
    await store.load();
    await store.add({ serverIdentity: 's', server: 'files', tool });
    const second = await store.add({ serverIdentity: 's', server: 'files', tool: { ...tool, description: 'v2' } });
    expect(store.list()).toEqual([second]);
  });

  it('revokes a grant by id and tells listeners', async () => {
    const dataDir = await tempDir();
    const store = new GrantStore({ dataDir });
    await store.load();
    const seen: number[] = [];
    const off = store.onChange((grants) => seen.push(grants.length));
    const grant = await store.add({ serverIdentity: 's', server: 'files', tool });
    expect(await store.revoke(grant.id)).toEqual(grant);
    expect(await store.revoke(grant.id)).toBeUndefined();
    off();
    expect(seen).toEqual([1, 0]);
    const reloaded = new GrantStore({ dataDir });
    await reloaded.load();
    expect(reloaded.list()).toEqual([]);
  });

  it('starts empty and reports when grants.json is damaged, keeping the old file', async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, 'grants.json'), '{"version":1,"grants":[{"id":');
    const logger = recordingLogger();
    const store = new GrantStore({ dataDir, logger });
    await store.load();
    expect(store.list()).toEqual([]);
    expect(store.problem).toMatch(/grants\.json could not be used because it is not valid JSON/);
    expect(logger.warnings).toHaveLength(1);
    expect(await readFile(path.join(dataDir, 'grants.json.damaged'), 'utf8')).toBe('{"version":1,"grants":[{"id":');

    await store.add({ serverIdentity: 's', server: 'files', tool });
    const reloaded = new GrantStore({ dataDir });
    await reloaded.load();
    expect(reloaded.list()).toHaveLength(1);
    expect(reloaded.problem).toBeUndefined();
  });

  it('starts empty when grants.json has the wrong shape, and skips single malformed grants', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'grants.json');
    await writeFile(file, JSON.stringify([1, 2, 3]));
    const store = new GrantStore({ dataDir, logger: recordingLogger() });
    await store.load();
    expect(store.list()).toEqual([]);
    expect(store.problem).toMatch(/unexpected shape/);

    const good = await store.add({ serverIdentity: 's', server: 'files', tool });
    const stored = JSON.parse(await readFile(file, 'utf8')) as { grants: unknown[] };
    stored.grants.push({ id: 'x', toolName: 42 });
    await writeFile(file, JSON.stringify(stored));
    const logger = recordingLogger();
    const reloaded = new GrantStore({ dataDir, logger });
    await reloaded.load();
    expect(reloaded.list()).toEqual([good]);
    expect(logger.warnings[0]).toMatch(/Skipped grant 1/);
  });

  it('keeps every grant when many are added at once', async () => {
    const dataDir = await tempDir();
    const store = new GrantStore({ dataDir });
    await store.load();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.add({ serverIdentity: 's', server: 'x', tool: { ...tool, name: `t${i}` } })));
    const reloaded = new GrantStore({ dataDir });
    await reloaded.load();
    expect(reloaded.list()).toHaveLength(20);
  });
  it('reads grants saved with the old `serverName` key and writes them back as `server`', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'grants.json');
    const writer = new GrantStore({ dataDir });
    await writer.load();
    const grant = await writer.add({ serverIdentity: 's', server: 'files', tool });
    const { server, ...rest } = grant;
    await writeFile(file, JSON.stringify({ version: 1, grants: [{ ...rest, serverName: server }] }));

    const store = new GrantStore({ dataDir });
    await store.load();
    expect(store.list()).toEqual([grant]);
    await store.add({ serverIdentity: 's', server: 'files', tool: { ...tool, name: 'write_file' } });
    const written = await readFile(file, 'utf8');
    expect(written).not.toContain('serverName');
  });
});
