// The config file on disk: load, validated snapshot, atomic updates that keep unknown fields, and a watcher.
import { promises as fs, watch as fsWatch, mkdirSync, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { HostError } from '../api/errors.ts';
import type { Logger } from '../base/logger.ts';
import { loadConfigText, type LoadedConfig } from './configLoader.ts';
import type { RawConfig } from './configSchema.ts';
import { writeFileAtomic } from '../base/atomicFile.ts';

const empty: LoadedConfig = { definitions: [], issues: [], raw: {} };

export interface ConfigStoreOptions {
  logger?: Logger;
  debounceMs?: number;
  /** Turns a freshly read config into the one the core uses (the host resolves secret references here). */
  resolve?: (loaded: LoadedConfig) => LoadedConfig;
}

export class ConfigStore {
  readonly path: string;
  private snapshot: LoadedConfig = empty;
  /** The last text we read or wrote: the watcher ignores events that leave the file at this text. */
  private lastText: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(config: LoadedConfig) => void>();
  private stopWatcher: (() => void) | undefined;
  private readonly logger: Logger | undefined;
  private readonly debounceMs: number;
  private readonly resolve: (loaded: LoadedConfig) => LoadedConfig;

  constructor(file: string, options: ConfigStoreOptions = {}) {
    this.path = file;
    this.logger = options.logger;
    this.debounceMs = options.debounceMs ?? 150;
    this.resolve = options.resolve ?? ((loaded) => loaded);
  }

  /** Reads the file. Missing = no servers. Unparseable = the last good definitions with `fileError`. */
  async load(): Promise<LoadedConfig> {
    return this.serial(() => this.reload());
  }

  current(): LoadedConfig {
    return this.snapshot;
  }

  /**
   * Re-reads the file, applies `mutator` to the raw JSON (unknown fields kept) and saves atomically.
   * Throws HostError 'conflict' when the file on disk does not parse: a half-edited file is never overwritten.
   */
  async update(mutator: (raw: RawConfig) => void): Promise<LoadedConfig> {
    return this.serial(async () => {
      const seen = this.lastText;
      const onDisk = await this.reload();
      const editedOnDisk = seen !== undefined && this.lastText !== seen;
      if (onDisk.fileError) {
        throw new HostError(
          'conflict',
          `${this.path} cannot be changed right now: ${onDisk.fileError} Fix or undo the edit in the file, then try again. Switchboard will not overwrite it.`,
        );
      }
      const raw = structuredClone(onDisk.raw);
      mutator(raw);
      const text = `${JSON.stringify(raw, null, 2)}\n`;
      await writeFileAtomic(this.path, text);
      this.lastText = text;
      this.snapshot = this.resolve(loadConfigText(text));
      // The re-read found an on-disk edit the watcher has not reported yet: report it with ours.
      if (editedOnDisk) for (const fn of [...this.listeners]) fn(this.snapshot);
      return this.snapshot;
    });
  }

  /** Calls `onChange` after an on-disk edit (debounced; our own writes ignored). Returns its stop. */
  watch(onChange: (config: LoadedConfig) => void): () => void {
    this.listeners.add(onChange);
    if (!this.stopWatcher) this.stopWatcher = this.startWatcher();
    return () => {
      this.listeners.delete(onChange);
      if (this.listeners.size === 0) {
        this.stopWatcher?.();
        this.stopWatcher = undefined;
      }
    };
  }

  /** One fs.watch on the folder (editors replace files by rename), shared by every listener. */
  private startWatcher(): () => void {
    const dir = path.dirname(this.path);
    const base = path.basename(this.path);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      timer = undefined;
      void this.serial(async () => {
        const before = this.lastText;
        const next = await this.reload();
        if (this.lastText === before) return;
        for (const fn of [...this.listeners]) fn(next);
      }).catch((error: unknown) => this.logger?.warn('config reload failed', { error: String(error) }));
    };
    let watcher: FSWatcher | undefined;
    try {
      watcher = fsWatch(dir, (_event, filename) => {
        if (filename !== null && filename !== base) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(check, this.debounceMs);
      });
      watcher.on('error', (error) => this.logger?.warn('config watcher failed', { error: String(error) }));
    } catch (error) {
      this.logger?.warn('cannot watch the config folder', { dir, error: String(error) });
    }
    return () => {
      if (timer) clearTimeout(timer);
      watcher?.close();
    };
  }

  private async reload(): Promise<LoadedConfig> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.lastText = '';
      this.snapshot = empty;
      return this.snapshot;
    }
    this.lastText = text;
    const loaded = loadConfigText(text);
    if (loaded.fileError) {
      const good = this.snapshot;
      this.snapshot = { definitions: good.definitions, issues: good.issues, raw: good.raw, fileError: loaded.fileError };
      return this.snapshot;
    }
    this.snapshot = this.resolve(loaded);
    return this.snapshot;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }
}
