// The web-mode (and test) secret store: a JSON file in the data dir that only the user can read (0600).
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { JsonDocument } from '../base/jsonDocument.ts';
import { silentLogger, type Logger } from '../base/logger.ts';
import { writesSettled } from '../base/atomicFile.ts';
import type { SecretStore } from './secretStore.ts';

const secretsSchema = z.object({ anthropicApiKey: z.string().optional().catch(undefined) });

export class FileSecretStore implements SecretStore {
  private readonly doc: JsonDocument<typeof secretsSchema>;

  constructor(dataDir: string, logger: Logger = silentLogger) {
    this.doc = new JsonDocument(path.join(dataDir, 'secrets.json'), secretsSchema, logger);
  }

  async getApiKey(): Promise<string | undefined> {
    return (await this.doc.load())?.anthropicApiKey || undefined;
  }

  async setApiKey(key: string | null): Promise<void> {
    if (key === null) {
      await writesSettled(this.doc.file);
      await fs.rm(this.doc.file, { force: true });
      return;
    }
    await this.doc.save({ anthropicApiKey: key });
  }
}
