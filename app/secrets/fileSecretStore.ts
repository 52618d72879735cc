// The web-mode (and test) secret store: a JSON file in the data dir that only the user can read (0600).
// It holds the API key and the secrets of server entries; the file goes away when both are empty.
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { JsonDocument } from '../base/jsonDocument.ts';
import { silentLogger, type Logger } from '../base/logger.ts';
import { writesSettled } from '../base/atomicFile.ts';
import type { SecretStore } from './secretStore.ts';
import { SECRET_FILES } from './secretFiles.ts';

const secretsSchema = z.object({
  anthropicApiKey: z.string().optional().catch(undefined),
  serverSecrets: z.record(z.string(), z.string()).optional().catch(undefined),
});
type SecretsFile = z.output<typeof secretsSchema>;

export class FileSecretStore implements SecretStore {
  private readonly doc: JsonDocument<typeof secretsSchema>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, logger: Logger = silentLogger) {
    this.doc = new JsonDocument(path.join(dataDir, SECRET_FILES.serverSecrets), secretsSchema, logger);
  }

  async getApiKey(): Promise<string | undefined> {
    return (await this.doc.load())?.anthropicApiKey || undefined;
  }

  setApiKey(key: string | null): Promise<void> {
    return this.change((doc) => {
      if (key === null) delete doc.anthropicApiKey;
      else doc.anthropicApiKey = key;
    });
  }

  /** A damaged file was set aside (kept as `secrets.json.damaged`): the error says so, for the person's notice. */
  async readServerSecrets(): Promise<Record<string, string>> {
    const doc = await this.doc.load();
    if (this.doc.problem) throw new Error(this.doc.problem);
    return { ...doc?.serverSecrets };
  }

  writeServerSecrets(all: Record<string, string>): Promise<void> {
    return this.change((doc) => {
      if (Object.keys(all).length === 0) delete doc.serverSecrets;
      else doc.serverSecrets = { ...all };
    });
  }

  /** Read, change and write one at a time, so the API key and server secrets never overwrite each other. */
  private change(edit: (doc: SecretsFile) => void): Promise<void> {
    const run = this.queue.then(async () => {
      const doc: SecretsFile = { ...(await this.doc.load()) };
      edit(doc);
      if (doc.anthropicApiKey === undefined && doc.serverSecrets === undefined) {
        await writesSettled(this.doc.file);
        await fs.rm(this.doc.file, { force: true });
        return;
      }
      await this.doc.save(doc);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
