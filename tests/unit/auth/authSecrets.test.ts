// The OAuth secrets file: 0600, keys kept apart; on the desktop only ciphertext (safeStorage; a reversible
// stand-in plays the OS keychain here).
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileAuthSecrets } from '../../../app/secrets/index.ts';
import { safeStorageCodec } from '../../../main/electron/safeStorageCodec.ts';
import type { SafeStorageLike } from '../../../main/electron/safeStorageSecrets.ts';

const keychain = (available: boolean): SafeStorageLike => ({
  isAsyncEncryptionAvailable: async () => available,
  encryptStringAsync: async (text) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a)),
  decryptStringAsync: async (buf) => ({ result: Buffer.from([...buf].map((b) => b ^ 0x5a)).toString(), shouldReEncrypt: false }),
});

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the OAuth secrets file', () => {
  it('keeps each key, in a 0600 file, and deletes on undefined; concurrent writes all land', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-oauth-secrets-'));
    const store = new FileAuthSecrets(dir);
    await Promise.all([store.write('a', '1'), store.write('b', '2'), store.write('c', '3')]);
    expect([await store.read('a'), await store.read('b'), await store.read('c')]).toEqual(['1', '2', '3']);
    await store.write('b', undefined);
    expect(await store.read('b')).toBeUndefined();
    expect((await stat(path.join(dir, 'oauth.secrets.json'))).mode & 0o777).toBe(0o600);
  });

  it('writes only ciphertext with safeStorage, and refuses when the system has no secure storage', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-oauth-secrets-'));
    const store = new FileAuthSecrets(dir, { codec: safeStorageCodec(keychain(true)), fileName: 'oauth.secrets.safe' });
    await store.write('server:x', '{"tokens":{"access_token":"tok-abcdef-123456"}}');
    expect(await readFile(path.join(dir, 'oauth.secrets.safe'), 'utf8')).not.toContain('tok-abcdef');
    expect(await store.read('server:x')).toContain('tok-abcdef-123456');
    const none = new FileAuthSecrets(dir, { codec: safeStorageCodec(keychain(false)), fileName: 'other.safe' });
    await expect(none.write('k', 'v')).rejects.toThrow(/no secure storage/);
  });
});
