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

  it('keeps undecryptable server secrets and API key aside as .damaged before anything overwrites them', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-secret-'));
    const keyFile = path.join(dir, 'api-key.safe');
    const serverFile = path.join(dir, 'server-secrets.safe');
    const before = createSafeStorageSecrets(keychain(true), keyFile);
    await before.setApiKey('sk-ant-secret-123');
    await before.writeServerSecrets({ abc: 'ghp_server_secret_1' });
    const [oldKey, oldSecrets] = [await readFile(keyFile, 'utf8'), await readFile(serverFile, 'utf8')];
    // Another keychain: what it cannot decrypt, it refuses.
    const other: SafeStorageLike = {
      ...keychain(true),
      decryptStringAsync: async () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      },
    };
    const after = createSafeStorageSecrets(other, keyFile);
    await expect(after.readServerSecrets()).rejects.toThrow('the old file is kept as server-secrets.safe.damaged');
    await expect(after.getApiKey()).rejects.toThrow('the old file is kept as api-key.safe.damaged');
    await after.writeServerSecrets({ def: 'ghp_typed_again_2' });
    await after.setApiKey('sk-ant-typed-again-456');
    expect(await readFile(`${serverFile}.damaged`, 'utf8')).toBe(oldSecrets);
    expect(await readFile(`${keyFile}.damaged`, 'utf8')).toBe(oldKey);
    expect((await stat(`${serverFile}.damaged`)).mode & 0o777).toBe(0o600);
  });

  it('refuses to store a key when the system has no secure storage, and says what to do', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-secret-'));
    const store = createSafeStorageSecrets(keychain(false), path.join(dir, 'k'));
    await expect(store.setApiKey('sk')).rejects.toThrow(/ANTHROPIC_API_KEY/);
  });
});
