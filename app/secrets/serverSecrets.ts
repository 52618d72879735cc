// Secrets of server entries live in the SecretStore (safeStorage on desktop, the 0600 file in web
// mode); config.json holds only a reference, `${secret:<id>}`. Each secret is bound to the command or
// URL origin it was entered for, and a reference is resolved only for that binding, so a reference
// copied into another entry (or an entry pointed somewhere new) sends nothing.
import { randomBytes } from 'node:crypto';
import type { ConfigIssue } from '../api/views.ts';
import { jsonPath, type LoadedConfig } from '../config/configLoader.ts';
import type { ServerDefinition, ServerTransportDefinition } from '../config/serverDefinition.ts';
import { isSecretName } from './envNames.ts';
import { secretBinding, type BindableTransport } from './secretBinding.ts';
import type { Logger } from '../base/logger.ts';
import type { SecretStore } from '../secrets/secretStore.ts';

const REFERENCE = /^\$\{secret:([A-Za-z0-9_-]{8,64})\}$/;

interface SecretRecord {
  value: string;
  /** The server and field it was entered for (for the person, and to forget it with its server). */
  server: string;
  name: string;
  binding: string;
}

export function secretReference(id: string): string {
  return `\${secret:${id}}`;
}

export function isSecretReference(value: string): boolean {
  return REFERENCE.test(value);
}

export class ServerSecrets {
  private records = new Map<string, SecretRecord>();
  /** Per server: the env/header names whose values came from the store (masked and redacted like named secrets). */
  private fromStore = new Map<string, Set<string>>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Why the stored secrets could not be read at start; undefined when they were fine. */
  problem: string | undefined;

  constructor(
    private readonly store: SecretStore,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<void> {
    try {
      const all = await this.store.readServerSecrets();
      for (const [id, text] of Object.entries(all)) {
        try {
          const record = JSON.parse(text) as SecretRecord;
          if (typeof record.value === 'string' && typeof record.binding === 'string') this.records.set(id, record);
        } catch {
          this.logger.warn(`A stored server secret (${id}) is damaged and was skipped.`);
        }
      }
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  /**
   * Stores one secret for one server and returns the reference to write into config.json instead of
   * the value. `transport` is what the secret is bound to: it is only ever sent to this command or
   * this URL origin. For every path that receives a secret: the form, imports, OAuth, installs.
   */
  async storeSecret(server: string, transport: BindableTransport, name: string, value: string): Promise<string> {
    const id = randomBytes(12).toString('base64url');
    this.records.set(id, { value, server, name, binding: secretBinding(transport) });
    await this.persist();
    return secretReference(id);
  }

  /**
   * Moves the inline secret values of one entry (env/header values with secret names, or names in
   * `marked`) into the store. Returns the entry with references in their place and the names moved.
   */
  async moveInline(
    server: string,
    transport: ServerTransportDefinition,
    values: Record<string, string>,
    marked: ReadonlySet<string> = new Set(),
  ): Promise<{ values: Record<string, string>; moved: string[] }> {
    const out: Record<string, string> = {};
    const moved: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      if ((isSecretName(name) || marked.has(name)) && value !== '' && !isSecretReference(value)) {
        out[name] = await this.storeSecret(server, transport, name, value);
        moved.push(name);
      } else {
        out[name] = value;
      }
    }
    return { values: out, moved };
  }

  /** Forgets the secrets behind these references (stored for an edit that was then refused). */
  async discard(references: Iterable<string>): Promise<void> {
    let changed = false;
    for (const reference of references) {
      const id = REFERENCE.exec(reference)?.[1];
      if (id && this.records.delete(id)) changed = true;
    }
    if (changed) await this.persist();
  }

  /** Forgets every secret entered for a server that was removed. */
  async forgetServer(server: string): Promise<void> {
    let changed = false;
    for (const [id, record] of this.records) {
      if (record.server === server) {
        this.records.delete(id);
        changed = true;
      }
    }
    if (changed) await this.persist();
  }

  /** Carries a server's secrets over to its new name. */
  async renameServer(from: string, to: string): Promise<void> {
    let changed = false;
    for (const record of this.records.values()) {
      if (record.server === from) {
        record.server = to;
        changed = true;
      }
    }
    if (changed) await this.persist();
  }

  /** The names of a server's values that came from the store. */
  storedNames(server: string): ReadonlySet<string> {
    return this.fromStore.get(server) ?? new Set();
  }

  /**
   * The config with every reference replaced by its value. A reference that is unknown, or whose
   * secret was entered for another command or origin, makes its entry invalid (shown with the
   * reason, never started): nothing is sent in its place.
   */
  resolve(config: LoadedConfig): LoadedConfig {
    const definitions: ServerDefinition[] = [];
    const issues: ConfigIssue[] = [...config.issues];
    this.fromStore = new Map();
    for (const def of config.definitions) {
      const t = def.transport;
      const field = t.kind === 'stdio' ? 'env' : 'headers';
      const values = t.kind === 'stdio' ? t.env : t.headers;
      const resolved: Record<string, string> = {};
      const names = new Set<string>();
      const problems: ConfigIssue[] = [];
      for (const [name, value] of Object.entries(values)) {
        const id = REFERENCE.exec(value)?.[1];
        if (!id) {
          resolved[name] = value;
          continue;
        }
        const record = this.records.get(id);
        const path = jsonPath('mcpServers', [def.name, field, name]);
        const binding = secretBinding(t);
        if (!record) {
          problems.push({ path, message: `The stored secret for ${name} is not in the secret store. Edit the server and type the value again.` });
        } else if (record.binding !== binding) {
          problems.push({
            path,
            message: `The stored secret for ${name} was entered for ${record.binding}; this entry uses ${binding}, so it is not sent. Edit the server and type the value again.`,
          });
        } else {
          resolved[name] = record.value;
          names.add(name);
        }
      }
      if (problems.length > 0) {
        issues.push(...problems);
        continue;
      }
      this.fromStore.set(def.name, names);
      const transport: ServerTransportDefinition = t.kind === 'stdio' ? { ...t, env: resolved } : { ...t, headers: resolved };
      definitions.push({ ...def, transport });
    }
    return { ...config, definitions, issues };
  }

  private persist(): Promise<void> {
    const run = this.queue.then(() => this.store.writeServerSecrets(Object.fromEntries([...this.records].map(([id, record]) => [id, JSON.stringify(record)]))));
    this.queue = run.catch(() => undefined);
    return run;
  }
}
