// The API key and the secrets of server entries at rest in the desktop app: encrypted with Electron's
// safeStorage (Keychain, DPAPI, libsecret/kwallet) in 0600 files under userData (`api-key.safe`, and
// `server-secrets.safe` beside it). They never go to the renderer.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { HostError } from '../../app/api/errors.ts';
import { writeFileAtomic } from '../../app/base/atomicFile.ts';
import { SECRET_FILE_MODE, SECRET_FILES, type SecretStore } from '../../app/secrets/index.ts';

export type SafeStorageLike = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'>;

export function createSafeStorageSecrets(safeStorage: SafeStorageLike, file: string): SecretStore {
  const serverFile = path.join(path.dirname(file), SECRET_FILES.serverSecretsEncrypted);
  return {
    async readServerSecrets() {
      const raw = await fs.readFile(serverFile, 'utf8').catch(() => undefined);
      if (!raw) return {};
      try {
        const { result } = await safeStorage.decryptStringAsync(Buffer.from(raw.trim(), 'base64'));
        const all = JSON.parse(result) as Record<string, unknown>;
        return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => typeof e[1] === 'string'));
      } catch {
        await keepAside(serverFile, raw);
        throw new HostError(
          'unavailable',
          `${path.basename(serverFile)} could not be decrypted (the system keychain changed?); the old file is kept as ${path.basename(serverFile)}.damaged. Edit each server and type its secrets again.`,
        );
      }
    },
    async writeServerSecrets(all) {
      if (Object.keys(all).length === 0) {
        await fs.rm(serverFile, { force: true });
        return;
      }
      if (!(await safeStorage.isAsyncEncryptionAvailable())) {
        throw new HostError(
          'unavailable',
          "This system offers no secure storage for server secrets. Put them in the server's environment outside Switchboard instead.",
        );
      }
      const encrypted = await safeStorage.encryptStringAsync(JSON.stringify(all));
      await writeFileAtomic(serverFile, encrypted.toString('base64'), { mode: SECRET_FILE_MODE });
    },
    async getApiKey() {
      const raw = await fs.readFile(file, 'utf8').catch(() => undefined);
      if (!raw) return undefined;
      try {
        const { result } = await safeStorage.decryptStringAsync(Buffer.from(raw.trim(), 'base64'));
        return result || undefined;
      } catch {
        await keepAside(file, raw);
        throw new HostError(
          'unavailable',
          `The saved API key could not be decrypted (the system keychain changed?); the old file is kept as ${path.basename(file)}.damaged. Enter the key again in Settings.`,
        );
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
      await writeFileAtomic(file, encrypted.toString('base64'), { mode: SECRET_FILE_MODE });
    },
  };
}

/** A file that cannot be decrypted now may be readable later (another keychain): its bytes are kept before anything overwrites it. */
async function keepAside(file: string, raw: string): Promise<void> {
  await writeFileAtomic(`${file}.damaged`, raw, { mode: SECRET_FILE_MODE }).catch(() => undefined);
}
