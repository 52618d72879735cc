// The one place OAuth secrets are read and written: tokens, registrations and client secrets, by key.
// The default is a 0600 JSON file in the data dir; the desktop app encrypts it with safeStorage (a codec).
// It is a JsonDocument like every other data file: a damaged, truncated or undecryptable file is set aside
// as `<name>.damaged` with a problem for the person, never silently overwritten.
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { JsonDocument, type TextCodec } from '../base/jsonDocument.ts';
import { silentLogger, type Logger } from '../base/logger.ts';
import { SECRET_FILES } from './secretFiles.ts';

export interface AuthSecrets {
  read(key: string): Promise<string | undefined>;
  /** `undefined` deletes. */
  write(key: string, value: string | undefined): Promise<void>;
  /** Every key stored. */
  keys(): Promise<string[]>;
  /** Reads the store; why it could not be used (it was set aside), or undefined when it was fine. */
  open(): Promise<string | undefined>;
}

/**
 * Keys of the store: one record per server and URL, and client secrets by the name an entry's
 * `oauth.clientSecretRef` gives, bound to the origin of the server URL it was typed for. A ref is a
 * guessable name: another entry (pasted, linked, imported) that reuses it for another origin finds nothing.
 */
export const secretKeys = {
  /** The record of a server's first account (the one sign-in there was before accounts; kept where it was). */
  server: (name: string, url: string) => `server:${name}:${url}`,
  /** The record of each further account: its own tokens and client registration. */
  account: (name: string, account: string, url: string) => `account:${name}:${account}:${url}`,
  /** The server's accounts: their ids, labels and which is the default (no secret, but only ever beside them). */
  accounts: (name: string) => `accounts:${name}`,
  /** True for a record of this server, whatever URL it had (a URL edited since leaves its old record). */
  isServers: (key: string, name: string) =>
    (key.startsWith(`server:${name}:`) && /^https?:\/\//i.test(key.slice(`server:${name}:`.length))) ||
    (key.startsWith(`account:${name}:`) && /^[a-z0-9]+:https?:\/\//i.test(key.slice(`account:${name}:`.length))) ||
    key === `accounts:${name}`,
  clientSecret: (serverUrl: string, ref: string) => `client-secret:${originOf(serverUrl)}:${ref}`,
  /** The organization's identity provider for enterprise-managed sign-in: issuer, client id, secret, ID token. */
  enterpriseIdp: 'enterprise-idp',
  /** The DPoP key a server's tokens are bound to; `isServers` counts it as that server's (it goes with it). */
  dpopKey: (name: string, url: string) => `server:${name}:${url}#dpop`,
};

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** Encrypts the whole file at rest (the desktop app passes Electron's safeStorage). */
export type SecretCodec = TextCodec;

/** Values that are not strings are dropped one by one; the other keys stay usable. */
const fileSchema = z
  .record(z.string(), z.unknown())
  .transform((all) => Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => typeof e[1] === 'string')));

export class FileAuthSecrets implements AuthSecrets {
  private readonly doc: JsonDocument<typeof fileSchema>;
  /** The file's content, read once: this store is its only writer. */
  private loaded: Promise<Record<string, string>> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, options: { codec?: SecretCodec; fileName?: string; logger?: Logger } = {}) {
    const file = path.join(dataDir, options.fileName ?? SECRET_FILES.oauth);
    this.doc = new JsonDocument(file, fileSchema, options.logger ?? silentLogger, options.codec);
  }

  async open(): Promise<string | undefined> {
    await this.all();
    return this.doc.problem;
  }

  async keys(): Promise<string[]> {
    await this.queue;
    return Object.keys(await this.all());
  }

  async read(key: string): Promise<string | undefined> {
    await this.queue;
    return (await this.all())[key];
  }

  write(key: string, value: string | undefined): Promise<void> {
    const next = this.queue.then(async () => {
      const all = { ...(await this.all()) };
      if (value === undefined) delete all[key];
      else all[key] = value;
      if (Object.keys(all).length === 0) {
        await this.doc.flushed();
        await fs.rm(this.doc.file, { force: true });
      } else {
        await this.doc.save(all);
      }
      this.loaded = Promise.resolve(all);
    });
    this.queue = next.catch(() => {});
    return next;
  }

  private all(): Promise<Record<string, string>> {
    this.loaded ??= this.doc.load().then((all) => all ?? {});
    return this.loaded;
  }
}
