// Config edits: every change to the servers in config.json (the edit form, pasted JSON, the install
// paths, on-disk edits seen by the watcher) is written through here, then applied to the running fleet.
// Secret values go to the store through SecretPlacement; approvals go through the LaunchGate.
import { HostError } from '../api/errors.ts';
import type { ConfigView, ServerView } from '../api/views.ts';
import type { LoadedConfig } from '../config/configLoader.ts';
import type { ConfigStore } from '../config/configStore.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import type { GrantStore } from '../safety/grantStore.ts';
import type { ExternalSource } from '../safety/launchRule.ts';
import { serverIdentity } from '../safety/serverIdentity.ts';
import type { ServerTrustStore } from '../safety/serverTrust.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { Logger } from '../base/logger.ts';
import { addImported, removeServer, setServerDisabled, setToolEnabled, upsertServer, type UpsertEdit } from './configEdits.ts';
import type { LaunchGate } from './launchGate.ts';
import type { SecretPlacement } from './secretPlacement.ts';
import type { ExternalEntry, MovedSecrets } from '../secrets/index.ts';
import type { ServerFleet } from './serverFleet.ts';
import type { ServerStatus } from './serverStatus.ts';

export interface ServerConfigDeps {
  store: ConfigStore;
  secrets: SecretPlacement;
  gate: LaunchGate;
  fleet: ServerFleet;
  status: ServerStatus;
  trust: ServerTrustStore;
  grants: GrantStore;
  events: EventHub;
  logger: Logger;
  /** Watch config.json for on-disk edits. */
  watch: boolean;
}

export class ServerConfig {
  private stopWatching: (() => void) | undefined;

  constructor(private readonly deps: ServerConfigDeps) {}

  /** Loads the config and starts every enabled, approved server in the background; never waits for them. */
  async open(): Promise<void> {
    await this.deps.fleet.reapOrphans();
    const loaded = await this.deps.store.load();
    this.apply(loaded);
    if (this.deps.watch) {
      this.stopWatching = this.deps.store.watch((next) => {
        this.deps.events.emit('config.changed', this.view());
        this.apply(next);
      });
    }
  }

  view(): ConfigView {
    const c = this.deps.store.current();
    return { path: this.deps.store.path, issues: c.issues, ...(c.fileError ? { fileError: c.fileError } : {}) };
  }

  /** The definition of a valid entry (for features layered on top: sign-in); not-found otherwise. */
  definitionOf(name: string): ServerDefinition {
    const def = this.definition(name);
    if (!def) throw new HostError('not-found', `There is no server called "${name}".`);
    return def;
  }

  /**
   * The person saved the edit form. A new entry was typed in full and counts as approved; an edit
   * of an approved entry stays approved; an entry that was never approved (imported, changed on
   * disk) still waits for the dialog, even when saved unchanged (`launchVerdict`).
   */
  async upsert(edit: UpsertEdit): Promise<ServerView> {
    const { secrets, gate, trust } = this.deps;
    const previous = this.definition(edit.previousName ?? edit.name);
    const previousState = edit.previousName === undefined ? 'none' : previous && gate.launchOf(previous).approved ? 'approved' : 'unapproved';
    const { edit: typed, stored } = await secrets.placeFormSecrets(edit, this.deps.store.current().raw);
    try {
      await this.edit(
        (raw) => upsertServer(raw, typed),
        async (loaded) => {
          if (edit.previousName !== undefined && edit.previousName !== edit.name) {
            await trust.rename(edit.previousName, edit.name);
            await secrets.renameServer(edit.previousName, edit.name);
          }
          const def = loaded.definitions.find((d) => d.name === edit.name);
          if (def) await gate.admitForm(def, previousState);
        },
      );
    } catch (error) {
      // A refused edit (name taken, a kept secret for a new command) leaves no secret behind.
      const written = JSON.stringify(this.deps.store.current().raw);
      await secrets.discard(stored.filter((reference) => !written.includes(reference)));
      throw error;
    }
    return this.deps.status.view(edit.name);
  }

  /**
   * Adds entries someone else wrote (pasted JSON, and the install paths: registry, bundles, links,
   * other apps' configs). Their secrets move to the store, taken names get a numeric suffix, and they
   * never arrive approved: each waits for the person to approve exactly its definition in the dialog.
   * A stale approval under a reused name is forgotten first.
   */
  async addExternal(entries: ExternalEntry[], source: ExternalSource): Promise<{ added: string[]; secretsMoved: MovedSecrets[] }> {
    if (entries.length === 0) return { added: [], secretsMoved: [] };
    const { prepared, secretsMoved } = await this.deps.secrets.placeImported(entries, this.deps.store.current().raw);
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

  /** Replaces one entry as a whole (a newer version of an installed bundle); its secrets move to the store and it waits for launch approval again. */
  /** The entry as config.json holds it (secret references, unknown fields), for edits of one field. */
  rawEntry(name: string): Record<string, unknown> | undefined {
    const entry = this.deps.store.current().raw.mcpServers?.[name];
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
    const { prepared } = await this.deps.secrets.placeImported([{ name, entry, secretKeys }], this.deps.store.current().raw, { replace: true });
    await this.edit((raw) => {
      raw.mcpServers = { ...(raw.mcpServers ?? {}), [name]: prepared[0]?.entry ?? entry };
    });
  }

  async remove(name: string): Promise<{ removed: string }> {
    const def = this.definition(name);
    await this.edit((raw) => removeServer(raw, name));
    await this.deps.trust.forget(name);
    await this.deps.secrets.forgetServer(name);
    if (def) await this.deps.grants.revokeServer(serverIdentity(def.transport));
    return { removed: name };
  }

  async setDisabled(name: string, disabled: boolean): Promise<ServerView> {
    this.deps.fleet.note(name, disabled ? 'disabled by you' : 'enabled by you');
    await this.edit((raw) => setServerDisabled(raw, name, disabled));
    return this.deps.status.view(name);
  }

  async setToolEnabled(name: string, tool: string, enabled: boolean): Promise<ServerView> {
    await this.edit((raw) => setToolEnabled(raw, name, tool, enabled));
    return this.deps.status.view(name);
  }

  /** The person approved the definition they were shown (its fingerprint); a different one (changed meanwhile) is refused. */
  async approveLaunch(name: string, fingerprint: string): Promise<ServerView> {
    const def = this.definitionOf(name);
    await this.deps.gate.approve(def, fingerprint);
    this.deps.fleet.note(name, def.transport.kind === 'stdio' ? 'you approved its command line' : 'you approved its URL');
    this.apply(this.deps.store.current());
    return this.deps.status.view(name);
  }

  async setTrust(name: string, patch: { trusted?: boolean | undefined; autoApproveReadOnly?: boolean | undefined }): Promise<ServerView> {
    const def = this.definitionOf(name);
    await this.deps.trust.setTrust(name, def.transport, patch);
    const view = this.deps.status.view(name);
    this.deps.events.emit('servers.changed', { kind: 'upsert', view });
    return view;
  }

  /**
   * Moves the secret values still written in config.json for this entry (hand-written there) into the
   * secret store, bound to its command line or URL origin, and writes references in their place. The
   * resolved definition is unchanged, so its launch approval stays and a running server keeps running.
   */
  async moveInlineSecrets(name: string): Promise<ServerView> {
    const { secrets, status } = this.deps;
    if (!this.definition(name)) {
      if (status.configuredNames().has(name)) {
        throw new HostError(
          'conflict',
          `The entry for "${name}" in config.json is invalid, so its secrets cannot be moved yet. Fix the problems shown for it, then try again.`,
        );
      }
      throw new HostError('not-found', `There is no server called "${name}". It may have been removed or renamed in config.json.`);
    }
    const { field, moved } = await secrets.takeInline(this.deps.store.current().raw, name);
    if (moved.length === 0) return status.view(name);
    let written: string[] = [];
    try {
      await this.edit((raw) => (written = secrets.writeMoved(raw, name, field, moved)));
    } finally {
      // A value changed in the file meanwhile (or a refused write) leaves no stored secret behind.
      await secrets.discard(moved.map((m) => m.reference).filter((reference) => !written.includes(reference)));
    }
    if (written.length > 0)
      this.deps.fleet.note(
        name,
        `moved ${moved
          .filter((m) => written.includes(m.reference))
          .map((m) => m.name)
          .join(', ')} from config.json to the secret store`,
      );
    // Nothing it runs changed, so no connection event follows: other windows learn of it here.
    status.emit(name);
    return status.view(name);
  }

  dispose(): void {
    this.stopWatching?.();
  }

  private definition(name: string): ServerDefinition | undefined {
    return this.deps.store.current().definitions.find((d) => d.name === name);
  }

  private async edit(mutate: Parameters<ConfigStore['update']>[0], beforeApply?: (loaded: LoadedConfig) => Promise<void>): Promise<void> {
    const next = await this.deps.store.update(mutate);
    await beforeApply?.(next);
    this.deps.events.emit('config.changed', this.view());
    this.apply(next);
  }

  private apply(config: LoadedConfig): void {
    this.deps.secrets.redactFor(config.definitions);
    this.deps.fleet.apply(config.definitions);
    this.deps.status.applied(config);
  }
}
