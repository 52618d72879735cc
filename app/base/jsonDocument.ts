// One JSON data file: schema-validated loading (no casts), a damaged file set aside with a problem for the
// person, and atomic saves (the atomic writer keeps saves to one path in order).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { readFileIfExists, writeFileAtomic, writesSettled } from './atomicFile.ts';
import type { Logger } from './logger.ts';

export class JsonDocument<S extends z.ZodType> {
  /** Why the file on disk could not be used, for a person; undefined when it loaded (or did not exist). */
  problem: string | undefined;

  constructor(
    readonly file: string,
    private readonly schema: S,
    private readonly logger: Logger,
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
    let raw: unknown;
    try {
      raw = JSON.parse(text);
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
    return writeFileAtomic(this.file, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
  }

  /** Resolves once every save asked for so far has landed. */
  flushed(): Promise<void> {
    return writesSettled(this.file);
  }

  private async damaged(reason: string, text: string | undefined): Promise<undefined> {
    const name = path.basename(this.file);
    const kept = text === undefined ? '' : ` The old file is kept as ${name}.damaged.`;
    this.problem = `${name} could not be used because ${reason}. Starting with nothing saved.${kept}`;
    this.logger.warn(this.problem, { file: this.file });
    if (text !== undefined) {
      await fs.writeFile(`${this.file}.damaged`, text, { mode: 0o600 }).catch(() => undefined);
    }
    return undefined;
  }
}
