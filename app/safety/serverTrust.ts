// Per-server trust and launch approval, persisted in <dataDir>/trust.json.
// A stdio server that did not come from the person's own form input runs only after they approve
// its exact command line; any change to command, args, env or cwd asks again.
import path from 'node:path';
import { z } from 'zod';
import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import { silentLogger } from '../base/logger.ts';
import { JsonDocument } from '../base/jsonDocument.ts';
import { formatCommandLine, isCodeLoadingEnv, launchFingerprint } from './launchCommand.ts';
import { serverIdentity, type ServerConnectionDef } from './serverIdentity.ts';

export interface TrustSettings {
  /** Trust and auto-approve: every tool of this server runs without asking. Off by default. */
  trusted: boolean;
  /** Tools that say they are read-only (`readOnlyHint`) run without asking: the person trusts this server's hints. Off by default. */
  autoApproveReadOnly: boolean;
}

export const DEFAULT_TRUST: TrustSettings = { trusted: false, autoApproveReadOnly: false };

export type LaunchStatus = 'approved' | 'from-form' | 'remote' | 'never-approved' | 'changed';

export interface LaunchApproval {
  approved: boolean;
  status: LaunchStatus;
  /** The full command line (shell-quoted, never truncated), or the URL of a remote server. */
  commandLine: string;
  cwd?: string;
  /** Names of the other env vars the server gets; their values are secret and not shown. */
  envKeys: string[];
  /** The command line approved earlier, when it has changed since. */
  previousCommandLine?: string;
}

const launchSchema = z.object({
  fingerprint: z.string().min(1),
  commandLine: z.string(),
  approvedAt: z.number(),
  source: z.enum(['form', 'person']),
});

const entrySchema = z.object({
  trusted: z.boolean().default(false),
  autoApproveReadOnly: z.boolean().default(false),
  /** The server identity trust was given to; trust does not carry over to a different command or URL. */
  trustedIdentity: z.string().optional(),
  launch: launchSchema.optional(),
});
type Entry = z.output<typeof entrySchema>;

const fileSchema = z.object({ version: z.literal(1), servers: z.record(z.string(), entrySchema) });

export interface ServerTrustOptions {
  dataDir: string;
  logger?: Logger;
  clock?: Pick<Clock, 'now'>;
}

export class ServerTrustStore {
  private entries = new Map<string, Entry>();
  private readonly doc: JsonDocument<typeof fileSchema>;
  private readonly now: () => number;

  constructor(options: ServerTrustOptions) {
    this.now = options.clock ? () => options.clock!.now() : () => Date.now();
    this.doc = new JsonDocument(path.join(options.dataDir, 'trust.json'), fileSchema, options.logger ?? silentLogger);
  }

  /** Why trust.json could not be used at the last load; undefined when it was fine. */
  get problem(): string | undefined {
    return this.doc.problem;
  }

  async load(): Promise<void> {
    const stored = await this.doc.load();
    this.entries = new Map(Object.entries(stored?.servers ?? {}));
  }

  /**
   * The person's trust settings for this server as it is defined now. Trust was given to one identity
   * (command line or URL): for a different one, everything is back to off.
   */
  trustFor(name: string, def: ServerConnectionDef): TrustSettings {
    const entry = this.entries.get(name);
    if (!entry || entry.trustedIdentity !== serverIdentity(def)) return { ...DEFAULT_TRUST };
    return { trusted: entry.trusted, autoApproveReadOnly: entry.autoApproveReadOnly };
  }

  async setTrust(name: string, def: ServerConnectionDef, patch: Partial<TrustSettings>): Promise<TrustSettings> {
    const current = this.trustFor(name, def);
    const next: Entry = {
      ...this.entries.get(name),
      trusted: patch.trusted ?? current.trusted,
      autoApproveReadOnly: patch.autoApproveReadOnly ?? current.autoApproveReadOnly,
      trustedIdentity: serverIdentity(def),
    };
    this.entries.set(name, next);
    await this.save();
    return this.trustFor(name, def);
  }

  launchApproval(name: string, def: ServerConnectionDef): LaunchApproval {
    if (def.kind !== 'stdio') return { approved: true, status: 'remote', commandLine: def.url, envKeys: [] };
    const commandLine = formatCommandLine(def);
    const base = {
      commandLine,
      ...(def.cwd !== undefined ? { cwd: def.cwd } : {}),
      envKeys: Object.keys(def.env).filter((k) => !isCodeLoadingEnv(k)).sort(),
    };
    const launch = this.entries.get(name)?.launch;
    if (!launch) return { approved: false, status: 'never-approved', ...base };
    if (launch.fingerprint !== launchFingerprint(def)) {
      return { approved: false, status: 'changed', ...base, previousCommandLine: launch.commandLine };
    }
    return { approved: true, status: launch.source === 'form' ? 'from-form' : 'approved', ...base };
  }

  /** The person approved this exact launch after seeing the command line. */
  approveLaunch(name: string, def: ServerConnectionDef): Promise<void> {
    return this.recordLaunch(name, def, 'person');
  }

  /** The person typed this definition into the form themselves: it is approved as it stands. */
  markFromForm(name: string, def: ServerConnectionDef): Promise<void> {
    return this.recordLaunch(name, def, 'form');
  }

  /** Carries trust and launch approval over to a server's new name. */
  async rename(from: string, to: string): Promise<void> {
    const entry = this.entries.get(from);
    if (!entry || from === to) return;
    this.entries.delete(from);
    this.entries.set(to, entry);
    await this.save();
  }

  async forget(name: string): Promise<void> {
    if (this.entries.delete(name)) await this.save();
  }

  private async recordLaunch(name: string, def: ServerConnectionDef, source: 'form' | 'person'): Promise<void> {
    if (def.kind !== 'stdio') return;
    const entry = this.entries.get(name) ?? { ...DEFAULT_TRUST };
    const launch = { fingerprint: launchFingerprint(def), commandLine: formatCommandLine(def), approvedAt: this.now(), source };
    this.entries.set(name, { ...entry, launch });
    await this.save();
  }

  private save(): Promise<void> {
    return this.doc.save({ version: 1, servers: Object.fromEntries(this.entries) });
  }
}
