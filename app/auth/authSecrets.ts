// The one place OAuth secrets are read and written: tokens, registrations and client secrets, by key.
// The default is a 0600 JSON file in the data dir; the desktop app may pass an encrypted store instead.
import path from 'node:path';
import { readFileIfExists, writeFileAtomic } from '../fs/atomicFile.ts';

export interface AuthSecrets {
  read(key: string): Promise<string | undefined>;
  /** `undefined` deletes. */
  write(key: string, value: string | undefined): Promise<void>;
}

/** Keys of the store: one record per server and URL, and client secrets by the name an entry's `oauth.clientSecretRef` gives. */
export const secretKeys = {
  server: (name: string, url: string) => `server:${name}:${url}`,
  clientSecret: (ref: string) => `client-secret:${ref}`,
};

export class FileAuthSecrets implements AuthSecrets {
  private readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'oauth.secrets.json');
  }

  async read(key: string): Promise<string | undefined> {
    await this.queue;
    return (await this.all())[key];
  }

  write(key: string, value: string | undefined): Promise<void> {
    const next = this.queue.then(async () => {
      const all = await this.all();
      if (value === undefined) delete all[key];
      else all[key] = value;
      await writeFileAtomic(this.file, JSON.stringify(all) + '\n', { mode: 0o600 });
    });
    this.queue = next.catch(() => {});
    return next;
  }

  private async all(): Promise<Record<string, string>> {
    const text = await readFileIfExists(this.file);
    if (!text) return {};
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object') return {};
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return {};
    }
  }
}
