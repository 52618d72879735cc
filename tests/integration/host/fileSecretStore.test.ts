// Web mode keeps the API key in a file only the user can read, and never in settings.json.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { FileSecretStore } from '../../../app/secrets/index.ts';
import { startHarness } from '../../support/hostHarness.ts';

it('stores the key with mode 0600, reads it back, and deletes the file when cleared', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-secrets-'));
  try {
    const store = new FileSecretStore(dir);
    await store.setApiKey('sk-ant-file-secret-0001');
    const file = path.join(dir, 'secrets.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await store.getApiKey()).toBe('sk-ant-file-secret-0001');
    await store.setApiKey(null);
    await expect(stat(file)).rejects.toThrow();
    expect(await store.getApiKey()).toBeUndefined();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('keeps the API key and server secrets side by side in the same 0600 file', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-secrets-'));
  try {
    const store = new FileSecretStore(dir);
    await Promise.all([store.setApiKey('sk-ant-file-secret-0003'), store.writeServerSecrets({ id1: 'server-secret-value' })]);
    expect(await store.getApiKey()).toBe('sk-ant-file-secret-0003');
    expect(await store.readServerSecrets()).toEqual({ id1: 'server-secret-value' });
    await store.setApiKey(null);
    expect(await store.readServerSecrets()).toEqual({ id1: 'server-secret-value' });
    expect((await stat(path.join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('keeps a key set in Settings out of settings.json and out of what the renderer sees', async () => {
  const h = await startHarness({});
  try {
    const view = await h.host.call('settings.update', { apiKey: 'sk-ant-file-secret-0002', model: 'claude-opus-5' });
    expect(JSON.stringify(view)).not.toContain('sk-ant-file-secret-0002');
    expect(view).toMatchObject({ apiKeySet: true, apiKeySource: 'settings', model: 'claude-opus-5' });
    expect(await readFile(path.join(h.dataDir, 'settings.json'), 'utf8')).not.toContain('sk-ant');
    expect((await stat(path.join(h.dataDir, 'secrets.json'))).mode & 0o777).toBe(0o600);
  } finally {
    await h.close();
  }
});

it('keeps a damaged secrets.json aside and tells the person, naming the file and the copy', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-secrets-'));
  const damaged = '{"serverSecrets":{"abc":"{\\"value\\":"ghp_cut';
  await writeFile(path.join(dir, 'secrets.json'), damaged);
  const h = await startHarness({ dataDir: dir });
  try {
    const { notices } = await h.host.call('host.info', {});
    expect(notices.map((n) => n.message).join('\n')).toMatch(/secrets\.json could not be used because it is not valid JSON.*kept as secrets\.json\.damaged/);
    expect(await readFile(path.join(dir, 'secrets.json.damaged'), 'utf8')).toBe(damaged);
  } finally {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  }
});
