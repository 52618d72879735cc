// All servers: applies a list of definitions by diffing (only changed servers restart), starts in parallel.
// It runs every server process, so it keeps their PID file (when given one): a crash of the host leaves
// nothing the next start cannot reap.
import type { LogLine } from '../api/views.ts';
import { HostError } from '../api/errors.ts';
import { systemClock } from '../base/clock.ts';
import { silentLogger, type Logger } from '../base/logger.ts';
import { connectionHash, type ServerDefinition } from '../config/serverDefinition.ts';
import { PidFile } from './pidFile.ts';
import { ServerConnection, type ServerConnectionOptions } from './serverConnection.ts';

export type ServerManagerOptions = Omit<ServerConnectionOptions, 'logger' | 'onCallSettled'> & {
  logger?: Logger;
  /** servers.pid.json: the processes of this run, reaped at the next start after a crash. */
  pidPath?: string;
};

interface Entry {
  connection: ServerConnection;
  hash: string;
  off: () => void;
}

export class ServerManager {
  private readonly entries = new Map<string, Entry>();
  private readonly changeListeners = new Set<(name: string) => void>();
  private readonly logListeners = new Set<(name: string, line: LogLine) => void>();
  private readonly options: ServerConnectionOptions;
  private readonly logger: Logger;
  private readonly pidFile: PidFile | undefined;
  private disposed = false;

  constructor({ pidPath, ...options }: ServerManagerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.pidFile = pidPath !== undefined ? new PidFile(pidPath, this.logger) : undefined;
    this.options = { ...options, logger: this.logger, ...(this.pidFile ? { onCallSettled: () => this.recordPids() } : {}) };
  }

  /** Stops what an earlier crashed run left running (before anything starts); how many processes it stopped. */
  reapOrphans(): Promise<number> {
    return this.pidFile?.reapOrphans() ?? Promise.resolve(0);
  }

  /**
   * Brings the running servers in line with `defs`: starts new ones, stops removed ones, restarts those
   * whose connection changed, leaves the rest alone. Resolves when every start it began has settled.
   */
  async apply(defs: ServerDefinition[]): Promise<void> {
    if (this.disposed) throw new HostError('unavailable', 'Switchboard is shutting down.');
    const wanted = new Map(defs.map((d) => [d.name, d]));
    const work: Promise<void>[] = [];
    for (const [name, entry] of this.entries) {
      if (wanted.has(name)) continue;
      this.entries.delete(name);
      entry.off();
      work.push(entry.connection.stop('removed').then(() => this.emitChange(name)));
    }
    for (const def of defs) {
      const hash = connectionHash(def);
      const entry = this.entries.get(def.name);
      if (!entry) {
        const created = this.create(def, hash);
        if (!def.disabled) work.push(created.connection.start());
        else void created.connection.stop('disabled');
        continue;
      }
      const wasDisabled = entry.connection.definition.disabled;
      entry.connection.updateDefinition(def);
      if (def.disabled) {
        if (!wasDisabled || entry.connection.state().kind !== 'stopped') work.push(entry.connection.stop('disabled'));
        entry.hash = hash;
      } else if (entry.hash !== hash) {
        entry.hash = hash;
        this.logger.info('server changed; restarting', { server: def.name });
        work.push(entry.connection.restart());
      } else if (wasDisabled) {
        work.push(entry.connection.start());
      } else {
        this.emitChange(def.name);
      }
    }
    await Promise.all(work);
  }

  get(name: string): ServerConnection | undefined {
    return this.entries.get(name)?.connection;
  }

  list(): ServerConnection[] {
    return [...this.entries.values()].map((e) => e.connection);
  }

  start(name: string): Promise<void> {
    return this.require(name).start();
  }

  stop(name: string): Promise<void> {
    return this.require(name).stop('stopped by you');
  }

  restart(name: string): Promise<void> {
    return this.require(name).restart();
  }

  onChange(fn: (name: string) => void): () => void {
    this.changeListeners.add(fn);
    return () => this.changeListeners.delete(fn);
  }

  onLog(fn: (name: string, line: LogLine) => void): () => void {
    this.logListeners.add(fn);
    return () => this.logListeners.delete(fn);
  }

  /** Stops every server, kills every process tree, and waits for them to exit. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      all.map(async (e) => {
        await e.connection.stop('shutting down');
        e.off();
      }),
    );
    await this.pidFile?.clear();
  }

  /** Keeps the PID file current: after every change of a connection, and after each call (it may start processes). */
  private recordPids(): void {
    this.pidFile?.changed(
      () =>
        this.list().flatMap((c) => {
          const pid = c.pid();
          return pid ? [{ server: c.name, pid }] : [];
        }),
      this.options.clock ?? systemClock,
    );
  }

  private create(def: ServerDefinition, hash: string): Entry {
    const connection = new ServerConnection(def, this.options);
    const offChange = connection.onChange(() => this.emitChange(connection.name));
    const offLog = connection.onLog((line) => {
      for (const fn of this.logListeners) fn(connection.name, line);
    });
    const entry = { connection, hash, off: () => (offChange(), offLog()) };
    this.entries.set(def.name, entry);
    return entry;
  }

  private require(name: string): ServerConnection {
    const connection = this.get(name);
    if (!connection) throw new HostError('not-found', `There is no server called "${name}".`);
    return connection;
  }

  private emitChange(name: string): void {
    this.recordPids();
    for (const fn of this.changeListeners) {
      try {
        fn(name);
      } catch (error) {
        this.logger.error('servers change listener failed', { error: String(error) });
      }
    }
  }
}
