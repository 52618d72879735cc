// The API key at rest in the desktop app: encrypted with Electron's safeStorage (Keychain,
// DPAPI, libsecret/kwallet) in a 0600 file under userData. It never goes to the renderer.
import { promises as fs } from 'node:fs';
import type { SafeStorage } from 'electron';
import { HostError } from '../../app/api/errors.ts';
import { writeFileAtomic } from '../../app/base/atomicFile.ts';
import type { SecretStore } from '../../app/secrets/secretStore.ts';

export type SafeStorageLike = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'>;

export function createSafeStorageSecrets(safeStorage: SafeStorageLike, file: string): SecretStore {
  return {
    async getApiKey() {
      const raw = await fs.readFile(file, 'utf8').catch(() => undefined);
      if (!raw) return undefined;
      try {
        const { result } = await safeStorage.decryptStringAsync(Buffer.from(raw.trim(), 'base64'));
        return result || undefined;
      } catch {
        throw new HostError('unavailable', 'The saved API key could not be decrypted (the system keychain changed?). Enter the key again in Settings.');
      }
    },
    async setApiKey(key) {
      if (key === null) {
        await fs.rm(file, { force: true });
        return;
      }
      if (!(await safeStorage.isAsyncEncryptionAvailable())) {
        throw new HostError('unavailable', 'This system offers no secure storage for the API key. Set ANTHROPIC_API_KEY in the environment instead.');
      }
      const encrypted = await safeStorage.encryptStringAsync(key);
      await writeFileAtomic(file, encrypted.toString('base64'), { mode: 0o600 });
    },
  };
}
