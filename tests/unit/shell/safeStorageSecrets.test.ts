// The desktop secret store writes only ciphertext, 0600, and clears on null. safeStorage itself
// is Electron's; here a reversible stand-in plays the OS keychain.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecrets, type SafeStorageLike } from '../../../main/electron/safeStorageSecrets.ts';

const keychain = (available: boolean): SafeStorageLike => ({
  isAsyncEncryptionAvailable: async () => available,
  encryptStringAsync: async (text) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a)),
  decryptStringAsync: async (buf) => ({ result: Buffer.from([...buf].map((b) => b ^ 0x5a)).toString(), shouldReEncrypt: false }),
});

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('safeStorage secrets', () => {
  it('stores the key encrypted in a 0600 file and reads it back; null deletes it', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-secret-'));
    const file = path.join(dir, 'api-key.safe');
    const store = createSafeStorageSecrets(keychain(true), file);
    expect(await store.getApiKey()).toBeUndefined();
    await store.setApiKey('sk-ant-secret-123');
    expect(await readFile(file, 'utf8')).not.toContain('sk-ant-secret-123');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await store.getApiKey()).toBe('sk-ant-secret-123');
    await store.setApiKey(null);
    expect(await store.getApiKey()).toBeUndefined();
  });

  it('stores server secrets encrypted in their own 0600 file beside the key', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-secret-'));
    const store = createSafeStorageSecrets(keychain(true), path.join(dir, 'api-key.safe'));
    expect(await store.readServerSecrets()).toEqual({});
    await store.writeServerSecrets({ abc: 'ghp_server_secret_1' });
    const file = path.join(dir, 'server-secrets.safe');
    expect(await readFile(file, 'utf8')).not.toContain('ghp_server_secret_1');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await store.readServerSecrets()).toEqual({ abc: 'ghp_server_secret_1' });
    await store.writeServerSecrets({});
    await expect(stat(file)).rejects.toThrow();
  });

  it('refuses to store a key when the system has no secure storage, and says what to do', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-secret-'));
    const store = createSafeStorageSecrets(keychain(false), path.join(dir, 'k'));
    await expect(store.setApiKey('sk')).rejects.toThrow(/ANTHROPIC_API_KEY/);
  });
});
