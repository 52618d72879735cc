// The servers side of the host: config on disk ⇄ running connections ⇄ the tool registry ⇄ views and events.
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ImportResult } from '../api/contract.ts';
import { HostError } from '../api/errors.ts';
import type { ConfigIssue, ConfigView, LogLine, ServerView } from '../api/views.ts';
import { jsonPath, type LoadedConfig } from '../config/configLoader.ts';
import { ConfigStore } from '../config/configStore.ts';
import { parseImport } from '../config/importConfig.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import { buildToolRegistry, type ToolRegistry } from '../routing/toolRegistry.ts';
import type { ToolInvoker } from '../routing/toolCaller.ts';
import { baseApiName } from '../routing/toolNames.ts';
import { notReady } from '../servers/callErrors.ts';
import type { ServerSandbox } from '../servers/serverSandbox.ts';
import { ServerManager } from '../servers/serverManager.ts';
import type { ClientHooks } from '../servers/clientHooks.ts';
import { capabilitiesView } from '../protocol/capabilitiesView.ts';
import type { ServerClients } from '../protocol/serverClients.ts';
import { PidFile } from '../servers/pidFile.ts';
import type { RemoteAuth } from '../servers/remoteAuth.ts';
import { LogThrottle } from './logThrottle.ts';
import type { GrantStore } from '../safety/grantStore.ts';
import { serverIdentity } from '../safety/serverIdentity.ts';
import type { ServerTrustStore } from '../safety/serverTrust.ts';
import type { ExternalSource } from '../safety/launchRule.ts';
import type { ServerSecrets } from './serverSecrets.ts';
import { inlineSecretNames, moveEntrySecrets, moveImportedSecrets, storeFormSecrets, writeMovedSecrets, type ExternalEntry } from './secretEdits.ts';
import { addImported, removeServer, setServerDisabled, setToolEnabled, upsertServer, type UpsertEdit } from './configEdits.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import { invalidServerView, serverView } from './serverViews.ts';

export const DEFAULT_TOOL_TIMEOUT_SECONDS = 60;
/** Progress resets a call's timeout, but never past this many times the per-call timeout. */
const MAX_TOTAL_FACTOR = 10;

export interface ServersFacadeDeps {
  configPath: string;
  env: Record<string, string | undefined>;
  logger: Logger;
  clock: Clock;
  events: EventHub;
  watch: boolean;
  trust: ServerTrustStore;
  grants: GrantStore;
  /** Secrets of server entries in the SecretStore; config.json holds references. */
  secrets: ServerSecrets;
  /** Called with every loaded set of definitions (the host registers their secrets for redaction). */
  onDefinitions?: (defs: ServerDefinition[]) => void;
  initTimeoutMs?: number;
  /** The client side of the protocol, registered on every new SDK client. */
  clientHooks?: ClientHooks;
  /** Extra per-server view fields owned elsewhere (the chosen log level). */
  viewExtras?: (name: string, def: ServerDefinition) => Partial<Pick<ServerView, 'logLevel' | 'auth' | 'origin' | 'sandbox'>>;
  /** OAuth sign-in for remote servers. */
  auth?: RemoteAuth;
  /** The OS sandbox local servers run in. */
  sandbox?: ServerSandbox;
}

const AWAITING_APPROVAL = 'Waiting for you to approve what it runs or contacts.';

export class ServersFacade implements ServerClients {
  private readonly store: ConfigStore;
  private readonly manager: ServerManager;
  private registryCache: ToolRegistry | undefined;
  private stopWatching: (() => void) | undefined;
  private known = new Set<string>();
  /** Stdio servers held back until the person approves their exact command line. */
  private gated = new Set<string>();
  private readonly pidFile: PidFile;
  private readonly logThrottle: LogThrottle;

  constructor(private readonly deps: ServersFacadeDeps) {
    this.store = new ConfigStore(deps.configPath, { logger: deps.logger, resolve: (loaded) => deps.secrets.resolve(loaded) });
    this.manager = new ServerManager({
      env: deps.env,
      logger: deps.logger,
      clock: deps.clock,
      ...(deps.initTimeoutMs !== undefined ? { initTimeoutMs: deps.initTimeoutMs } : {}),
      ...(deps.clientHooks ? { clientHooks: deps.clientHooks } : {}),
      ...(deps.auth ? { auth: deps.auth } : {}),
      ...(deps.sandbox ? { sandbox: deps.sandbox } : {}),
    });
    this.pidFile = new PidFile(path.join(path.dirname(deps.configPath), 'servers.pid.json'), deps.logger);
    this.manager.onChange((name) => {
      this.registryCache = undefined;
      this.emitServer(name);
      this.schedulePidRecord();
    });
    this.logThrottle = new LogThrottle(deps.clock, (name, line) => deps.events.emit('servers.log', { name, line }));
    this.manager.onLog((name, line) => this.logThrottle.push(name, line));
  }

  /** Loads the config and starts every enabled server in the background; never waits for them. */
  async open(): Promise<void> {
    const reaped = await this.pidFile.reapOrphans();
    if (reaped > 0) this.deps.logger.warn(`Stopped ${reaped} server process(es) left running by an earlier crash.`);
    const loaded = await this.store.load();
    this.applyConfig(loaded);
    if (this.deps.watch) {
      this.stopWatching = this.store.watch((next) => {
        this.deps.events.emit('config.changed', this.configView());
        this.applyConfig(next);
      });
    }
  }

  configView(): ConfigView {
    const c = this.store.current();
    return { path: this.store.path, issues: c.issues, ...(c.fileError ? { fileError: c.fileError } : {}) };
  }

  registry(): ToolRegistry {
    if (!this.registryCache) {
      this.registryCache = buildToolRegistry(
        this.manager.list().map((conn) => ({
          serverName: conn.name,
          tools: conn.state().kind === 'ready' ? conn.tools() : [],
          disabledTools: conn.definition.disabledTools,
          serverEnabled: !conn.definition.disabled,
        })),
        { logger: this.deps.logger },
      );
    }
    return this.registryCache;
  }

  /** Each ready, enabled server's `instructions`, labelled with its name, for the system prompt. */
  instructions(): { serverName: string; text: string }[] {
    return this.manager
      .list()
      .map((conn) => ({ conn, state: conn.state() }))
      .filter(({ conn, state }) => state.kind === 'ready' && !this.gated.has(conn.name) && !conn.definition.disabled)
      .flatMap(({ conn, state }) => (state.kind === 'ready' && state.instructions?.trim() ? [{ serverName: conn.name, text: state.instructions.trim() }] : []))
      .sort((a, b) => a.serverName.localeCompare(b.serverName));
  }

  /** The SDK client of a ready, enabled server (resources, prompts, completions, logging). */
  client(name: string): Client | undefined {
    if (this.gated.has(name)) return undefined;
    return this.manager.get(name)?.client();
  }

  has(name: string): boolean {
    return this.manager.get(name) !== undefined;
  }

  readyNames(): string[] {
    return this.manager.list().filter((c) => c.state().kind === 'ready' && !this.gated.has(c.name)).map((c) => c.name);
  }

  readonly invoke: ToolInvoker = (serverName, toolName, args, opts): Promise<CallToolResult> => {
    const conn = this.manager.get(serverName);
    if (!conn) return Promise.reject(new Error(`The server "${serverName}" is no longer configured.`));
    const seconds = conn.definition.toolTimeoutSeconds ?? DEFAULT_TOOL_TIMEOUT_SECONDS;
    // A call may start processes of its own: note them for the PID file afterwards.
    return conn
      .callTool(toolName, args, {
        signal: opts.signal,
        timeoutMs: seconds * 1000,
        maxTotalTimeoutMs: seconds * 1000 * MAX_TOTAL_FACTOR,
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        ...(opts.onWire ? { onWire: opts.onWire } : {}),
      })
      .finally(() => this.schedulePidRecord());
  };

  list(): ServerView[] {
    const c = this.store.current();
    const views = this.manager.list().map((conn) => this.viewOf(conn.name));
    return [...views.filter((v): v is ServerView => v !== undefined), ...this.invalidViews(c)];
  }

  /**
   * The person saved the edit form. A new entry was typed in full and counts as approved; an edit
   * of an approved entry stays approved; an entry that was never approved (imported, changed on
   * disk) still waits for the dialog, even when saved unchanged (`launchVerdict`).
   */
  async upsert(edit: UpsertEdit): Promise<ServerView> {
    const previous = this.definition(edit.previousName ?? edit.name);
    const previousState =
      edit.previousName === undefined ? 'none' : previous && this.launchOf(previous).approved ? 'approved' : 'unapproved';
    const { edit: typed, stored } = await storeFormSecrets(this.deps.secrets, edit, this.store.current().raw);
    try {
      await this.edit(
        (raw) => upsertServer(raw, typed),
        async (loaded) => {
          if (edit.previousName !== undefined && edit.previousName !== edit.name) {
            await this.deps.trust.rename(edit.previousName, edit.name);
            await this.deps.secrets.renameServer(edit.previousName, edit.name);
          }
          const def = loaded.definitions.find((d) => d.name === edit.name);
          if (def) await this.deps.trust.admit(def.name, def.transport, { kind: 'form', previous: previousState }, this.deps.secrets.storedNames(def.name));
        },
      );
    } catch (error) {
      // A refused edit (name taken, a kept secret for a new command) leaves no secret behind.
      const written = JSON.stringify(this.store.current().raw);
      await this.deps.secrets.discard(stored.filter((reference) => !written.includes(reference)));
      throw error;
    }
    return this.require(edit.name);
  }

  /**
   * Adds entries someone else wrote (pasted JSON, and the install paths: registry, bundles, links,
   * other apps' configs). They never arrive approved: each waits for the person to approve exactly
   * its definition in the dialog. A stale approval under a reused name is forgotten first.
   */
  async addExternal(entries: ExternalEntry[], source: ExternalSource): Promise<{ added: string[]; secretsMoved: { server: string; names: string[] }[] }> {
    const { prepared, secretsMoved } = await moveImportedSecrets(this.deps.secrets, entries, this.store.current().raw);
    let added: string[] = [];
    await this.edit(
      (raw) => (added = addImported(raw, prepared)),
      async () => {
        for (const name of added) {
          await this.deps.trust.forget(name);
          this.deps.logger.info(`Added "${name}" from ${source}; it waits for your approval.`);
        }
      },
    );
    return { added, secretsMoved };
  }

  async remove(name: string): Promise<{ removed: string }> {
    const def = this.definition(name);
    await this.edit((raw) => removeServer(raw, name));
    await this.deps.trust.forget(name);
    await this.deps.secrets.forgetServer(name);
    if (def) await this.deps.grants.revokeServer(serverIdentity(def.transport));
    return { removed: name };
  }

  /** The person approved the definition they were shown (its fingerprint); a different one (changed meanwhile) is refused. */
  async approveLaunch(name: string, fingerprint: string): Promise<ServerView> {
    const def = this.definition(name);
    if (!def) throw new HostError('not-found', `There is no server called "${name}".`);
    const verdict = await this.deps.trust.admit(name, def.transport, { kind: 'dialog', fingerprint }, this.deps.secrets.storedNames(name));
    if (verdict.kind === 'refuse') throw new HostError('conflict', verdict.message);
    this.note(name, def.transport.kind === 'stdio' ? 'you approved its command line' : 'you approved its URL');
    this.applyConfig(this.store.current());
    return this.require(name);
  }

  async setTrust(name: string, patch: { trusted?: boolean | undefined; autoApproveReadOnly?: boolean | undefined }): Promise<ServerView> {
    const def = this.definition(name);
    if (!def) throw new HostError('not-found', `There is no server called "${name}".`);
    await this.deps.trust.setTrust(name, def.transport, patch);
    const view = this.require(name);
    this.deps.events.emit('servers.changed', { kind: 'upsert', server: view });
    return view;
  }

  /**
   * Moves the secret values still written in config.json for this entry (hand-written there) into the
   * secret store, bound to its command line or URL origin, and writes references in their place. The
   * resolved definition is unchanged, so its launch approval stays and a running server keeps running.
   */
  async moveInlineSecrets(name: string): Promise<ServerView> {
    if (!this.definition(name)) {
      if (this.configuredNames().has(name)) {
        throw new HostError('conflict', `The entry for "${name}" in config.json is invalid, so its secrets cannot be moved yet. Fix the problems shown for it, then try again.`);
      }
      throw new HostError('not-found', `There is no server called "${name}". It may have been removed or renamed in config.json.`);
    }
    const { field, moved } = await moveEntrySecrets(this.deps.secrets, this.store.current().raw, name);
    if (moved.length === 0) return this.require(name);
    let written: string[] = [];
    try {
      await this.edit((raw) => (written = writeMovedSecrets(raw, name, field, moved)));
    } finally {
      // A value changed in the file meanwhile (or a refused write) leaves no stored secret behind.
      await this.deps.secrets.discard(moved.map((m) => m.reference).filter((reference) => !written.includes(reference)));
    }
    if (written.length > 0) this.note(name, `moved ${moved.filter((m) => written.includes(m.reference)).map((m) => m.name).join(', ')} from config.json to the secret store`);
    // Nothing it runs changed, so no connection event follows: other windows learn of it here.
    this.emitServer(name);
    return this.require(name);
  }

  /** Who the server is for grants: its command line or URL, plus the current definition. */
  identityOf(name: string): { identity: string; trust: { trusted: boolean; autoApproveReadOnly: boolean } } | undefined {
    const def = this.definition(name);
    if (!def) return undefined;
    return { identity: serverIdentity(def.transport), trust: this.deps.trust.trustFor(name, def.transport) };
  }

  async setDisabled(name: string, disabled: boolean): Promise<ServerView> {
    this.note(name, disabled ? 'disabled by you' : 'enabled by you');
    await this.edit((raw) => setServerDisabled(raw, name, disabled));
    return this.require(name);
  }

  async setToolEnabled(name: string, tool: string, enabled: boolean): Promise<ServerView> {
    await this.edit((raw) => setToolEnabled(raw, name, tool, enabled));
    return this.require(name);
  }

  async start(name: string): Promise<ServerView> {
    this.requireConnection(name);
    this.requireApproved(name);
    this.note(name, 'started by you');
    void this.manager.start(name).catch((e: unknown) => this.deps.logger.warn(`start ${name}: ${String(e)}`));
    return this.require(name);
  }

  async stop(name: string): Promise<ServerView> {
    this.requireConnection(name);
    this.note(name, 'stopped by you');
    await this.manager.stop(name);
    return this.require(name);
  }

  async restart(name: string): Promise<ServerView> {
    this.requireConnection(name);
    this.requireApproved(name);
    this.note(name, 'restarted by you');
    void this.manager.restart(name).catch((e: unknown) => this.deps.logger.warn(`restart ${name}: ${String(e)}`));
    return this.require(name);
  }

  /** Why `server__tool` is not offered right now, when its server is configured but not ready (e.g. reconnecting). */
  whyUnavailable(apiName: string): string | undefined {
    for (const conn of this.manager.list()) {
      const state = conn.state();
      if (state.kind === 'ready' || state.kind === 'stopped' || this.gated.has(conn.name)) continue;
      const prefix = baseApiName(conn.name, '_').slice(0, -1);
      if (apiName.startsWith(prefix)) return notReady(conn.name, apiName.slice(prefix.length), state).message;
    }
    return undefined;
  }

  /** Writes what the host (or the person through it) did to a server into that server's log. */
  note(name: string, text: string): void {
    this.manager.get(name)?.note(text);
  }

  /** The definition and view of a server, for features layered on top (sign-in). */
  definitionOf(name: string): ServerDefinition {
    const def = this.definition(name);
    if (!def) throw new HostError('not-found', `There is no server called "${name}".`);
    return def;
  }

  view(name: string): ServerView {
    return this.require(name);
  }

  logs(name: string): LogLine[] {
    return this.requireConnection(name).logs();
  }

  async importJson(json: string): Promise<ImportResult> {
    const parsed = parseImport(json);
    if (parsed.error) throw new HostError('invalid-params', parsed.error, [{ path: 'json', message: parsed.error }]);
    const { added, secretsMoved } = parsed.entries.length > 0 ? await this.addExternal(parsed.entries, 'import') : { added: [], secretsMoved: [] };
    return { added, updated: [], issues: parsed.issues, ...(secretsMoved.length > 0 ? { secretsMoved } : {}) };
  }

  /** Sends these servers' views again (their origin became known after they were added). */
  announce(names: string[]): void {
    for (const name of names) this.emitServer(name);
  }

  /** Every configured name, valid or not. */
  configuredNames(): Set<string> {
    const c = this.store.current();
    return new Set([...c.definitions.map((d) => d.name), ...this.invalidNames(c)]);
  }

  /**
   * Adds entries that came from elsewhere (another app's file, a link, the registry, a bundle) through
   * `addExternal`: their secrets move to the store, and they wait for launch approval. Taken names get
   * a numeric suffix.
   */
  async addEntries(entries: ExternalEntry[], source: ExternalSource): Promise<string[]> {
    return entries.length > 0 ? (await this.addExternal(entries, source)).added : [];
  }

  /** Replaces one entry as a whole (a newer version of an installed bundle); its secrets move to the store and it waits for launch approval again. */
  /** The entry as config.json holds it (secret references, unknown fields), for edits of one field. */
  rawEntry(name: string): Record<string, unknown> | undefined {
    const entry = this.store.current().raw.mcpServers?.[name];
    return entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : undefined;
  }

  /** Sets fields of one entry and leaves the rest as written (no secret moves): a launch change like an edit on disk. */
  async patchEntry(name: string, patch: Record<string, unknown>): Promise<void> {
    await this.edit((raw) => {
      const entry = raw.mcpServers?.[name];
      if (!entry || typeof entry !== 'object') throw new HostError('not-found', `There is no server called "${name}".`);
      raw.mcpServers = { ...raw.mcpServers, [name]: { ...(entry as Record<string, unknown>), ...patch } };
    });
  }

  async replaceEntry(name: string, entry: Record<string, unknown>, secretKeys: readonly string[] = []): Promise<void> {
    const { prepared } = await moveImportedSecrets(this.deps.secrets, [{ name, entry, secretKeys }], this.store.current().raw, { replace: true });
    await this.edit((raw) => {
      raw.mcpServers = { ...(raw.mcpServers ?? {}), [name]: prepared[0]?.entry ?? entry };
    });
  }

  async dispose(): Promise<void> {
    this.stopWatching?.();
    this.logThrottle.dispose();
    await this.manager.dispose();
    await this.pidFile.clear();
  }

  /** Keeps servers.pid.json current, so a crash of the host leaves nothing the next start cannot reap. */
  private schedulePidRecord(): void {
    this.pidFile.changed(
      () => this.manager.list().flatMap((c) => {
        const pid = c.pid();
        return pid ? [{ server: c.name, pid }] : [];
      }),
      this.deps.clock,
    );
  }

  private launchOf(def: ServerDefinition) {
    return this.deps.trust.launchApproval(def.name, def.transport, this.deps.secrets.storedNames(def.name));
  }

  private definition(name: string): ServerDefinition | undefined {
    return this.store.current().definitions.find((d) => d.name === name);
  }

  private async edit(mutate: Parameters<ConfigStore['update']>[0], beforeApply?: (loaded: LoadedConfig) => Promise<void>): Promise<void> {
    const next = await this.store.update(mutate);
    await beforeApply?.(next);
    this.deps.events.emit('config.changed', this.configView());
    this.applyConfig(next);
  }

  private applyConfig(config: LoadedConfig): void {
    this.registryCache = undefined;
    this.deps.onDefinitions?.(config.definitions);
    this.gated = new Set(
      config.definitions.filter((d) => !d.disabled && !this.launchOf(d).approved).map((d) => d.name),
    );
    const runnable = config.definitions.map((d) => (this.gated.has(d.name) ? { ...d, disabled: true } : d));
    void this.manager.apply(runnable).catch((e: unknown) => this.deps.logger.warn(`apply config: ${String(e)}`));
    const names = new Set([...config.definitions.map((d) => d.name), ...this.invalidNames(config)]);
    for (const name of this.known) {
      if (!names.has(name)) this.deps.events.emit('servers.changed', { kind: 'removed', name });
    }
    this.known = names;
    for (const view of this.invalidViews(config)) this.deps.events.emit('servers.changed', { kind: 'upsert', server: view });
  }

  private issuesFor(name: string): ConfigIssue[] {
    const entry = jsonPath('mcpServers', [name]);
    return this.store.current().issues.filter((i) => i.path === entry || i.path.startsWith(`${entry}.`) || i.path.startsWith(`${entry}[`));
  }

  private invalidNames(config: LoadedConfig): string[] {
    const valid = new Set(config.definitions.map((d) => d.name));
    const raw = config.raw.mcpServers;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
    return Object.keys(raw).filter((name) => !valid.has(name));
  }

  private invalidViews(config: LoadedConfig): ServerView[] {
    const raw = (config.raw.mcpServers ?? {}) as Record<string, unknown>;
    return this.invalidNames(config).map((name) => invalidServerView(name, raw[name], this.issuesFor(name), this.deps.clock.now()));
  }

  private viewOf(name: string): ServerView | undefined {
    const conn = this.manager.get(name);
    if (!conn) {
      return this.invalidViews(this.store.current()).find((v) => v.name === name);
    }
    const def = this.definition(name) ?? conn.definition;
    const state = this.gated.has(name) ? ({ kind: 'stopped', reason: AWAITING_APPROVAL } as const) : conn.state();
    const trust = this.deps.trust;
    const inline = inlineSecretNames(this.store.current().raw, name);
    const view = serverView(def, state, this.registry().entriesFor(name), this.issuesFor(name), trust.trustFor(name, def.transport), this.launchOf(def), inline);
    const client = state.kind === 'ready' ? conn.client() : undefined;
    if (client) view.capabilities = capabilitiesView(client.getServerCapabilities());
    return { ...view, ...this.deps.viewExtras?.(name, def) };
  }

  private require(name: string): ServerView {
    const view = this.viewOf(name);
    if (!view) throw new HostError('not-found', `There is no server called "${name}".`);
    return view;
  }

  private requireApproved(name: string): void {
    if (this.gated.has(name)) throw new HostError('conflict', `"${name}" needs your approval of its definition before it can start.`);
  }

  private requireConnection(name: string) {
    const conn = this.manager.get(name);
    if (!conn) throw new HostError('not-found', `There is no running entry for "${name}". Check its config entry.`);
    return conn;
  }

  private emitServer(name: string): void {
    const view = this.viewOf(name);
    if (view) this.deps.events.emit('servers.changed', { kind: 'upsert', server: view });
  }
}
