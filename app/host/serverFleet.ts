// Server lifecycle and status: the running connections (one per configured server), their processes
// (servers.pid.json, so a crash leaves nothing the next start cannot reap), their logs, and Start/Stop/
// Restart. It is also how the protocol layer reaches a ready server's SDK client (`ServerClients`).
import type { Client } from '@modelcontextprotocol/client';
import { HostError } from '../api/errors.ts';
import type { LogLine } from '../api/views.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import type { ServerClients } from '../protocol/serverClients.ts';
import type { ClientHooks } from '../servers/clientHooks.ts';
import { PidFile } from '../servers/pidFile.ts';
import type { RemoteAuth } from '../servers/remoteAuth.ts';
import type { ServerConnection } from '../servers/serverConnection.ts';
import type { ServerSandbox } from '../servers/serverSandbox.ts';
import { ServerManager } from '../servers/serverManager.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import type { LaunchGate } from './launchGate.ts';
import { LogThrottle } from './logThrottle.ts';

export interface ServerFleetDeps {
  env: Record<string, string | undefined>;
  logger: Logger;
  clock: Clock;
  events: EventHub;
  /** servers.pid.json: the processes of this run, reaped at the next start after a crash. */
  pidPath: string;
  gate: LaunchGate;
  initTimeoutMs?: number | undefined;
  /** The client side of the protocol, registered on every new SDK client. */
  clientHooks?: ClientHooks;
  /** OAuth sign-in for remote servers. */
  auth?: RemoteAuth;
  /** The OS sandbox local servers run in. */
  sandbox?: ServerSandbox;
}

export class ServerFleet implements ServerClients {
  private readonly manager: ServerManager;
  private readonly pidFile: PidFile;
  private readonly logThrottle: LogThrottle;
  /** Counts every change of a connection or of the applied definitions (the tool registry is rebuilt after one). */
  private changes = 0;

  constructor(private readonly deps: ServerFleetDeps) {
    this.manager = new ServerManager({
      env: deps.env,
      logger: deps.logger,
      clock: deps.clock,
      ...(deps.initTimeoutMs !== undefined ? { initTimeoutMs: deps.initTimeoutMs } : {}),
      ...(deps.clientHooks ? { clientHooks: deps.clientHooks } : {}),
      ...(deps.auth ? { auth: deps.auth } : {}),
      ...(deps.sandbox ? { sandbox: deps.sandbox } : {}),
    });
    this.pidFile = new PidFile(deps.pidPath, deps.logger);
    this.manager.onChange(() => {
      this.changes++;
      this.recordPids();
    });
    this.logThrottle = new LogThrottle(deps.clock, (name, line) => deps.events.emit('servers.log', { name, line }));
    this.manager.onLog((name, line) => this.logThrottle.push(name, line));
  }

  /** Stops what an earlier crashed run left running (before anything starts). */
  async reapOrphans(): Promise<void> {
    const reaped = await this.pidFile.reapOrphans();
    if (reaped > 0) this.deps.logger.warn(`Stopped ${reaped} server process(es) left running by an earlier crash.`);
  }

  /** Runs the approved, enabled definitions and stops the rest; never waits for them. */
  apply(defs: readonly ServerDefinition[]): void {
    this.changes++;
    void this.manager.apply(this.deps.gate.runnable(defs)).catch((e: unknown) => this.deps.logger.warn(`apply config: ${String(e)}`));
  }

  /** Goes up with every change; equal values mean the same connections in the same states. */
  version(): number {
    return this.changes;
  }

  connection(name: string): ServerConnection | undefined {
    return this.manager.get(name);
  }

  connections(): ServerConnection[] {
    return this.manager.list();
  }

  /** The SDK client of a ready, approved server (resources, prompts, completions, logging). */
  client(name: string): Client | undefined {
    if (this.deps.gate.isGated(name)) return undefined;
    return this.manager.get(name)?.client();
  }

  has(name: string): boolean {
    return this.manager.get(name) !== undefined;
  }

  readyNames(): string[] {
    return this.manager
      .list()
      .filter((c) => c.state().kind === 'ready' && !this.deps.gate.isGated(c.name))
      .map((c) => c.name);
  }

  start(name: string): void {
    this.require(name);
    this.deps.gate.requireApproved(name);
    this.note(name, 'started by you');
    void this.manager.start(name).catch((e: unknown) => this.deps.logger.warn(`start ${name}: ${String(e)}`));
  }

  async stop(name: string): Promise<void> {
    this.require(name);
    this.note(name, 'stopped by you');
    await this.manager.stop(name);
  }

  /** `why` is the line the server's log gets: the person's own restart unless the host says otherwise. */
  restart(name: string, why = 'restarted by you'): void {
    this.require(name);
    this.deps.gate.requireApproved(name);
    this.note(name, why);
    void this.manager.restart(name).catch((e: unknown) => this.deps.logger.warn(`restart ${name}: ${String(e)}`));
  }

  /** Writes what the host (or the person through it) did to a server into that server's log. */
  note(name: string, text: string): void {
    this.manager.get(name)?.note(text);
  }

  logs(name: string): LogLine[] {
    return this.require(name).logs();
  }

  /** Called with a server's name whenever its connection changes (state, tools, process). */
  onChange(fn: (name: string) => void): () => void {
    return this.manager.onChange(fn);
  }

  /** Keeps servers.pid.json current (a call may start processes of its own: called after each). */
  recordPids(): void {
    this.pidFile.changed(
      () =>
        this.manager.list().flatMap((c) => {
          const pid = c.pid();
          return pid ? [{ server: c.name, pid }] : [];
        }),
      this.deps.clock,
    );
  }

  async dispose(): Promise<void> {
    this.logThrottle.dispose();
    await this.manager.dispose();
    await this.pidFile.clear();
  }

  private require(name: string): ServerConnection {
    const conn = this.manager.get(name);
    if (!conn) throw new HostError('not-found', `There is no running entry for "${name}". Check its config entry.`);
    return conn;
  }
}
