// OAuth tokens at rest in the desktop app: the secrets file is encrypted with safeStorage, like the API key.
import { HostError } from '../../app/api/errors.ts';
import type { SecretCodec } from '../../app/secrets/index.ts';
import type { SafeStorageLike } from './safeStorageSecrets.ts';

export function safeStorageCodec(safeStorage: SafeStorageLike): SecretCodec {
  return {
    async encode(plain) {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) {
        throw new HostError('unavailable', 'This system offers no secure storage for sign-in tokens, so Switchboard cannot keep you signed in.');
      }
      return (await safeStorage.encryptStringAsync(plain)).toString('base64');
    },
    async decode(stored) {
      return (await safeStorage.decryptStringAsync(Buffer.from(stored.trim(), 'base64'))).result;
    },
  };
}
