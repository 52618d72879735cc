// What the person sees of the servers: one view per configured entry (running or too broken to run),
// sent as `servers.changed` whenever a connection changes or the config is applied.
import { HostError } from '../api/errors.ts';
import type { AuthView, ConfigIssue, McpLogLevel, ServerView } from '../api/views.ts';
import { jsonPath, type LoadedConfig } from '../config/configLoader.ts';
import type { ConfigStore } from '../config/configStore.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import { capabilitiesView } from '../protocol/capabilitiesView.ts';
import type { ServerTrustStore } from '../safety/serverTrust.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { Clock } from '../base/clock.ts';
import type { LaunchGate } from './launchGate.ts';
import type { SecretPlacement } from './secretPlacement.ts';
import type { ServerFleet } from './serverFleet.ts';
import type { ServerTools } from './serverTools.ts';
import { invalidServerView, serverView } from './serverViews.ts';
import type { ServerSandbox } from '../servers/serverSandbox.ts';
import { sandboxView } from './serverSandboxWiring.ts';

const AWAITING_APPROVAL = 'Waiting for you to approve what it runs or contacts.';

export interface ServerStatusDeps {
  store: Pick<ConfigStore, 'current'>;
  fleet: ServerFleet;
  tools: Pick<ServerTools, 'registry'>;
  gate: Pick<LaunchGate, 'isGated' | 'launchOf'>;
  trust: Pick<ServerTrustStore, 'trustFor'>;
  secrets: Pick<SecretPlacement, 'inlineNames'>;
  events: EventHub;
  clock: Clock;
  /** Per-server view fields owned by other layers: the chosen log level, the sign-in, where it was installed from. */
  logLevels: { levelOf(server: string): McpLogLevel | undefined };
  signIns: { view(def: ServerDefinition): AuthView | undefined };
  origins: { describeOrigin(name: string): string | undefined };
  /** The OS sandbox local servers run in (its status on each local server's page). */
  sandbox?: ServerSandbox;
}

export class ServerStatus {
  /** The names last announced, so a removed one is announced as removed. */
  private known = new Set<string>();

  constructor(private readonly deps: ServerStatusDeps) {
    deps.fleet.onChange((name) => this.emit(name));
  }

  list(): ServerView[] {
    const c = this.deps.store.current();
    const views = this.deps.fleet.connections().map((conn) => this.find(conn.name));
    return [...views.filter((v): v is ServerView => v !== undefined), ...this.invalidViews(c)];
  }

  /** The view of a configured server; not-found when there is none. */
  view(name: string): ServerView {
    const view = this.find(name);
    if (!view) throw new HostError('not-found', `There is no server called "${name}".`);
    return view;
  }

  find(name: string): ServerView | undefined {
    const conn = this.deps.fleet.connection(name);
    const config = this.deps.store.current();
    if (!conn) return this.invalidViews(config).find((v) => v.name === name);
    const def = config.definitions.find((d) => d.name === name) ?? conn.definition;
    const state = this.deps.gate.isGated(name) ? ({ kind: 'stopped', reason: AWAITING_APPROVAL } as const) : conn.state();
    const inline = this.deps.secrets.inlineNames(config.raw, name);
    const trust = this.deps.trust.trustFor(name, def.transport);
    const view = serverView(def, state, this.deps.tools.registry().entriesFor(name), this.issuesFor(config, name), trust, this.deps.gate.launchOf(def), inline);
    const client = state.kind === 'ready' ? conn.client() : undefined;
    if (client) view.capabilities = capabilitiesView(client.getServerCapabilities());
    const level = this.deps.logLevels.levelOf(name);
    const auth = this.deps.signIns.view(def);
    const origin = this.deps.origins.describeOrigin(name);
    const sandbox = this.deps.sandbox ? sandboxView(this.deps.sandbox, name, def) : {};
    return { ...view, ...(level ? { logLevel: level } : {}), ...(auth ? { auth } : {}), ...(origin ? { origin } : {}), ...sandbox };
  }

  /** Sends this server's view again (something it shows changed without a connection event). */
  emit(name: string): void {
    const view = this.find(name);
    if (view) this.deps.events.emit('servers.changed', { kind: 'upsert', view });
  }

  announce(names: string[]): void {
    for (const name of names) this.emit(name);
  }

  /** Every configured name, valid or not. */
  configuredNames(): Set<string> {
    const c = this.deps.store.current();
    return new Set([...c.definitions.map((d) => d.name), ...invalidNames(c)]);
  }

  /** A config was applied: entries gone from it are announced removed, and broken ones are shown. */
  applied(config: LoadedConfig): void {
    const names = new Set([...config.definitions.map((d) => d.name), ...invalidNames(config)]);
    for (const name of this.known) {
      if (!names.has(name)) this.deps.events.emit('servers.changed', { kind: 'removed', server: name });
    }
    this.known = names;
    for (const view of this.invalidViews(config)) this.deps.events.emit('servers.changed', { kind: 'upsert', view });
  }

  private issuesFor(config: LoadedConfig, name: string): ConfigIssue[] {
    const entry = jsonPath('mcpServers', [name]);
    return config.issues.filter((i) => i.path === entry || i.path.startsWith(`${entry}.`) || i.path.startsWith(`${entry}[`));
  }

  private invalidViews(config: LoadedConfig): ServerView[] {
    const raw = (config.raw.mcpServers ?? {}) as Record<string, unknown>;
    return invalidNames(config).map((name) => invalidServerView(name, raw[name], this.issuesFor(config, name), this.deps.clock.now()));
  }
}

function invalidNames(config: LoadedConfig): string[] {
  const valid = new Set(config.definitions.map((d) => d.name));
  const raw = config.raw.mcpServers;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  return Object.keys(raw).filter((name) => !valid.has(name));
}
