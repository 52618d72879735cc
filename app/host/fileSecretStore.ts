// The web-mode (and test) secret store: a JSON file in the data dir that only the user can read (0600).
// It holds the API key and the secrets of server entries; the file goes away when both are empty.
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { readFileIfExists, writeFileAtomic } from '../fs/atomicFile.ts';
import type { SecretStore } from './hostDeps.ts';

interface SecretsFile {
  anthropicApiKey?: string;
  serverSecrets?: Record<string, string>;
}

export class FileSecretStore implements SecretStore {
  private readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'secrets.json');
  }

  async getApiKey(): Promise<string | undefined> {
    const key = (await this.read()).anthropicApiKey;
    return typeof key === 'string' && key ? key : undefined;
  }

  setApiKey(key: string | null): Promise<void> {
    return this.change((doc) => {
      if (key === null) delete doc.anthropicApiKey;
      else doc.anthropicApiKey = key;
    });
  }

  async readServerSecrets(): Promise<Record<string, string>> {
    const all = (await this.read()).serverSecrets;
    return all && typeof all === 'object' ? Object.fromEntries(Object.entries(all).filter(([, v]) => typeof v === 'string')) : {};
  }

  writeServerSecrets(all: Record<string, string>): Promise<void> {
    return this.change((doc) => {
      if (Object.keys(all).length === 0) delete doc.serverSecrets;
      else doc.serverSecrets = { ...all };
    });
  }

  private async read(): Promise<SecretsFile> {
    const text = await readFileIfExists(this.file);
    if (!text) return {};
    try {
      const doc = JSON.parse(text) as unknown;
      return doc && typeof doc === 'object' ? (doc as SecretsFile) : {};
    } catch {
      return {};
    }
  }

  /** Read, change and write one at a time, so the API key and server secrets never overwrite each other. */
  private change(edit: (doc: SecretsFile) => void): Promise<void> {
    const run = this.queue.then(async () => {
      const doc = await this.read();
      edit(doc);
      if (doc.anthropicApiKey === undefined && doc.serverSecrets === undefined) {
        await fs.rm(this.file, { force: true });
        return;
      }
      await writeFileAtomic(this.file, JSON.stringify(doc) + '\n', { mode: 0o600 });
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
