// "Always allow" grants, persisted in <dataDir>/grants.json. A grant holds for one server identity,
// one tool name and one exact tool definition (its fingerprint); anything else asks again.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import { silentLogger } from '../base/logger.ts';
import { JsonDocument } from '../base/jsonDocument.ts';
import { toolFingerprint, toolSnapshot, type ToolDefinition, type ToolSnapshot } from './toolFingerprint.ts';

export interface Grant {
  id: string;
  serverIdentity: string;
  /** The server's name when the grant was made; for display only. */
  server: string;
  toolName: string;
  toolFingerprint: string;
  /** The definition the person approved, so a later change can be shown to them. */
  tool: ToolSnapshot;
  grantedAt: number;
}

/** Grants saved before the server key was called `server` hold it as `serverName`: read either, write `server`. */
const renamedServerKey = (raw: unknown): unknown =>
  typeof raw === 'object' && raw !== null && !('server' in raw) && 'serverName' in raw ? { ...raw, server: (raw as { serverName: unknown }).serverName } : raw;

const grantSchema = z.object({
  id: z.string().min(1),
  serverIdentity: z.string().min(1),
  server: z.string(),
  toolName: z.string().min(1),
  toolFingerprint: z.string().min(1),
  tool: z.looseObject({ name: z.string(), inputSchema: z.unknown() }),
  grantedAt: z.number(),
});

const fileSchema = z.object({ version: z.literal(1), grants: z.array(z.unknown()) });

export interface GrantStoreOptions {
  dataDir: string;
  logger?: Logger;
  clock?: Pick<Clock, 'now'>;
}

export class GrantStore {
  private grants: Grant[] = [];
  private readonly doc: JsonDocument<typeof fileSchema>;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly listeners = new Set<(grants: Grant[]) => void>();

  constructor(options: GrantStoreOptions) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.clock ? () => options.clock!.now() : () => Date.now();
    this.doc = new JsonDocument(path.join(options.dataDir, 'grants.json'), fileSchema, this.logger);
  }

  /** Why grants.json could not be used at the last load, for a person; undefined when it was fine. */
  get problem(): string | undefined {
    return this.doc.problem;
  }

  async load(): Promise<void> {
    const stored = await this.doc.load();
    this.grants = [];
    for (const [index, raw] of (stored?.grants ?? []).entries()) {
      const parsed = grantSchema.safeParse(renamedServerKey(raw));
      if (parsed.success) this.grants.push(parsed.data as Grant);
      else this.logger.warn(`Skipped grant ${index} in grants.json: it is malformed. That tool will ask again.`);
    }
    this.emit();
  }

  list(): Grant[] {
    return [...this.grants].sort((a, b) => a.server.localeCompare(b.server) || a.toolName.localeCompare(b.toolName));
  }

  find(serverIdentity: string, toolName: string): Grant | undefined {
    return this.grants.find((g) => g.serverIdentity === serverIdentity && g.toolName === toolName);
  }

  /** Always allow this exact tool definition on this server. Replaces an earlier grant for the same tool. */
  async add(input: { serverIdentity: string; server: string; tool: ToolDefinition }): Promise<Grant> {
    const grant: Grant = {
      id: randomUUID(),
      serverIdentity: input.serverIdentity,
      server: input.server,
      toolName: input.tool.name,
      toolFingerprint: toolFingerprint(input.tool),
      tool: toolSnapshot(input.tool),
      grantedAt: this.now(),
    };
    this.grants = [...this.grants.filter((g) => !(g.serverIdentity === grant.serverIdentity && g.toolName === grant.toolName)), grant];
    await this.persist();
    return grant;
  }

  /** Removes one grant; returns it, or undefined when there was none with that id. */
  async revoke(id: string): Promise<Grant | undefined> {
    const grant = this.grants.find((g) => g.id === id);
    if (!grant) return undefined;
    this.grants = this.grants.filter((g) => g.id !== id);
    await this.persist();
    return grant;
  }

  /** Removes every grant for a server identity (e.g. when the server is removed); returns how many. */
  async revokeServer(serverIdentity: string): Promise<number> {
    const before = this.grants.length;
    this.grants = this.grants.filter((g) => g.serverIdentity !== serverIdentity);
    const removed = before - this.grants.length;
    if (removed > 0) await this.persist();
    return removed;
  }

  /** Called with the full list after every change. Returns the unsubscribe. */
  onChange(listener: (grants: Grant[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async persist(): Promise<void> {
    this.emit();
    await this.doc.save({ version: 1, grants: this.grants });
  }

  private emit(): void {
    const grants = this.list();
    for (const listener of this.listeners) listener(grants);
  }
}
