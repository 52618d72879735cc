// The web-mode (and test) secret store: a JSON file in the data dir that only the user can read (0600).
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { readFileIfExists, writeFileAtomic } from '../base/atomicFile.ts';
import type { SecretStore } from './secretStore.ts';

export class FileSecretStore implements SecretStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'secrets.json');
  }

  async getApiKey(): Promise<string | undefined> {
    const text = await readFileIfExists(this.file);
    if (!text) return undefined;
    try {
      const key = (JSON.parse(text) as { anthropicApiKey?: unknown }).anthropicApiKey;
      return typeof key === 'string' && key ? key : undefined;
    } catch {
      return undefined;
    }
  }

  async setApiKey(key: string | null): Promise<void> {
    if (key === null) {
      await fs.rm(this.file, { force: true });
      return;
    }
    await writeFileAtomic(this.file, JSON.stringify({ anthropicApiKey: key }) + '\n', { mode: 0o600 });
  }
}
