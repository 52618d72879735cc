// One JSON data file: schema-validated loading (no casts), a damaged file set aside with a problem for the
// person, and atomic saves (the atomic writer keeps saves to one path in order). A file may be encrypted
// at rest (a codec); one that cannot be decrypted is damaged like one that does not parse.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { readFileIfExists, writeFileAtomic, writesSettled } from './atomicFile.ts';
import type { Logger } from './logger.ts';

/** Turns the JSON text into what is stored and back (the desktop app encrypts with Electron's safeStorage). */
export interface TextCodec {
  encode(plain: string): Promise<string>;
  decode(stored: string): Promise<string>;
}

export class JsonDocument<S extends z.ZodType> {
  /** Why the file on disk could not be used, for a person; undefined when it loaded (or did not exist). */
  problem: string | undefined;
  /** Encoding saves one after another, so a slow encode never lands after a later save. */
  private encoding: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly schema: S,
    private readonly logger: Logger,
    private readonly codec?: TextCodec,
  ) {}

  /**
   * The stored value, or undefined when there is no file. A damaged file is reported, kept beside
   * the original as `<name>.damaged` for the person to inspect, and treated as absent: never a crash.
   */
  async load(): Promise<z.output<S> | undefined> {
    this.problem = undefined;
    let text: string | undefined;
    try {
      text = await readFileIfExists(this.file);
    } catch (error) {
      return this.damaged(`it could not be read (${(error as Error).message})`, undefined);
    }
    if (text === undefined) return undefined;
    let plain = text;
    if (this.codec) {
      try {
        plain = await this.codec.decode(text);
      } catch (error) {
        return this.damaged(`it could not be decrypted (${(error as Error).message})`, text);
      }
    }
    let raw: unknown;
    try {
      raw = JSON.parse(plain);
    } catch (error) {
      return this.damaged(`it is not valid JSON (${(error as Error).message})`, text);
    }
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      return this.damaged(`it has an unexpected shape${where}: ${issue?.message ?? 'unknown problem'}`, text);
    }
    return parsed.data;
  }

  /** Saves atomically; saves run one after another in the order they were asked for. */
  save(value: z.output<S>): Promise<void> {
    const text = JSON.stringify(value, null, 2) + '\n';
    const codec = this.codec;
    if (!codec) return writeFileAtomic(this.file, text, { mode: 0o600 });
    const run = this.encoding.then(async () => writeFileAtomic(this.file, await codec.encode(text), { mode: 0o600 }));
    this.encoding = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every save asked for so far has landed. */
  async flushed(): Promise<void> {
    await this.encoding;
    return writesSettled(this.file);
  }

  private async damaged(reason: string, text: string | undefined): Promise<undefined> {
    const name = path.basename(this.file);
    const copy = text === undefined ? undefined : await this.keepAside(text);
    const kept = copy === undefined ? '' : ` The old file is kept as ${path.basename(copy)}.`;
    this.problem = `${name} could not be used because ${reason}. Starting with nothing saved.${kept}`;
    this.logger.warn(this.problem, { file: this.file });
    return undefined;
  }

  /**
   * Copies the unusable bytes beside the file, 0600 (they hold what the file held): `<name>.damaged`, or
   * `<name>.damaged-2`, … when an earlier, different copy is there, which is never overwritten.
   */
  private async keepAside(text: string): Promise<string | undefined> {
    for (let n = 1; n <= 20; n++) {
      const copy = `${this.file}.damaged${n === 1 ? '' : `-${n}`}`;
      const existing = await readFileIfExists(copy).catch(() => null);
      if (existing === null) continue;
      if (existing === text)
        return fs.chmod(copy, 0o600).then(
          () => copy,
          () => copy,
        );
      if (existing !== undefined) continue;
      try {
        await fs.writeFile(copy, text, { mode: 0o600, flag: 'wx' });
        return copy;
      } catch {
        // Taken meanwhile, or not writable: try the next name.
      }
    }
    return undefined;
  }
}
