// Server lifecycle and status as the person drives it: the running connections (one per configured server,
// run by the ServerManager, which also keeps their PID file), their logs, and Start/Stop/Restart. It is
// also how the protocol layer reaches a ready, approved server's SDK client (`ServerClients`).
import type { Client } from '@modelcontextprotocol/client';
import { HostError } from '../api/errors.ts';
import type { LogLine } from '../api/views.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import type { ServerClients } from '../protocol/serverClients.ts';
import type { ServerConnection } from '../servers/serverConnection.ts';
import type { ServerManager } from '../servers/serverManager.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import type { LaunchGate } from './launchGate.ts';
import { LogThrottle } from './logThrottle.ts';

export interface ServerFleetDeps {
  /** Runs the connections and their processes (and keeps their PID file). */
  manager: ServerManager;
  logger: Logger;
  clock: Clock;
  events: EventHub;
  gate: LaunchGate;
}

export class ServerFleet implements ServerClients {
  private readonly manager: ServerManager;
  private readonly logThrottle: LogThrottle;
  /** Counts every change of a connection or of the applied definitions (the tool registry is rebuilt after one). */
  private changes = 0;

  constructor(private readonly deps: ServerFleetDeps) {
    this.manager = deps.manager;
    this.manager.onChange(() => this.changes++);
    this.logThrottle = new LogThrottle(deps.clock, (name, line) => deps.events.emit('servers.log', { server: name, line }));
    this.manager.onLog((name, line) => this.logThrottle.push(name, line));
  }

  /** Stops what an earlier crashed run left running (before anything starts). */
  async reapOrphans(): Promise<void> {
    const reaped = await this.manager.reapOrphans();
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

  async dispose(): Promise<void> {
    this.logThrottle.dispose();
    await this.manager.dispose();
  }

  private require(name: string): ServerConnection {
    const conn = this.manager.get(name);
    if (!conn) throw new HostError('not-found', `There is no running entry for "${name}". Check its config entry.`);
    return conn;
  }
}
