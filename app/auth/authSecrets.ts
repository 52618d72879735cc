// The one place OAuth secrets are read and written: tokens, registrations and client secrets, by key.
// The default is a 0600 JSON file in the data dir; the desktop app may pass an encrypted store instead.
import path from 'node:path';
import { readFileIfExists, writeFileAtomic } from '../base/atomicFile.ts';

export interface AuthSecrets {
  read(key: string): Promise<string | undefined>;
  /** `undefined` deletes. */
  write(key: string, value: string | undefined): Promise<void>;
}

/**
 * Keys of the store: one record per server and URL, and client secrets by the name an entry's
 * `oauth.clientSecretRef` gives, bound to the origin of the server URL it was typed for. A ref is a
 * guessable name: another entry (pasted, linked, imported) that reuses it for another origin finds nothing.
 */
export const secretKeys = {
  server: (name: string, url: string) => `server:${name}:${url}`,
  clientSecret: (serverUrl: string, ref: string) => `client-secret:${originOf(serverUrl)}:${ref}`,
};

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** Encrypts the whole file at rest (the desktop app passes Electron's safeStorage). */
export interface SecretCodec {
  encode(plain: string): Promise<string>;
  decode(stored: string): Promise<string>;
}

export class FileAuthSecrets implements AuthSecrets {
  private readonly file: string;
  private readonly codec: SecretCodec | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, options: { codec?: SecretCodec; fileName?: string } = {}) {
    this.file = path.join(dataDir, options.fileName ?? 'oauth.secrets.json');
    this.codec = options.codec;
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
      const text = JSON.stringify(all) + '\n';
      await writeFileAtomic(this.file, this.codec ? await this.codec.encode(text) : text, { mode: 0o600 });
    });
    this.queue = next.catch(() => {});
    return next;
  }

  private async all(): Promise<Record<string, string>> {
    const stored = await readFileIfExists(this.file);
    if (!stored) return {};
    try {
      const text = this.codec ? await this.codec.decode(stored) : stored;
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object') return {};
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return {};
    }
  }
}
