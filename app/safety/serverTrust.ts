// Per-server trust and launch approval, persisted in <dataDir>/trust.json.
// A server that did not come from the person's own form input runs (or, remote, is contacted) only
// after they approve its exact definition; any change to command, args, env names or values, cwd,
// URL or header names asks again, with a diff.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { LaunchView } from '../api/views.ts';
import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import { silentLogger } from '../base/logger.ts';
import { JsonDocument } from '../base/jsonDocument.ts';
import { launchFingerprint } from './launchCommand.ts';
import { launchChanges, recordedLaunchSchema, recordLaunch, shownLaunch } from './launchDefinition.ts';
import { launchVerdict, type LaunchEvidence } from './launchRule.ts';
import { serverIdentity, type ServerConnectionDef } from './serverIdentity.ts';

export interface TrustSettings {
  /** Trust and auto-approve: every tool of this server runs without asking. Off by default. */
  trusted: boolean;
  /** Tools that say they are read-only (`readOnlyHint`) run without asking: the person trusts this server's hints. Off by default. */
  autoApproveReadOnly: boolean;
}

export const DEFAULT_TRUST: TrustSettings = { trusted: false, autoApproveReadOnly: false };

export type LaunchApproval = LaunchView;

const launchSchema = z.object({
  fingerprint: z.string().min(1),
  commandLine: z.string(),
  approvedAt: z.number(),
  source: z.enum(['form', 'person']),
  /** What the person saw (secret values as salted digests); absent in records written before it existed. */
  shown: recordedLaunchSchema.optional(),
});

const entrySchema = z.object({
  trusted: z.boolean().default(false),
  autoApproveReadOnly: z.boolean().default(false),
  /** The server identity trust was given to; trust does not carry over to a different command or URL. */
  trustedIdentity: z.string().optional(),
  launch: launchSchema.optional(),
});
type Entry = z.output<typeof entrySchema>;

const fileSchema = z.object({
  version: z.literal(1),
  /** Salt of the secret digests in `shown`, so a digest cannot be matched against a guessed value elsewhere. */
  salt: z.string().optional(),
  servers: z.record(z.string(), entrySchema),
});

export interface ServerTrustOptions {
  dataDir: string;
  logger?: Logger;
  clock?: Pick<Clock, 'now'>;
}

export class ServerTrustStore {
  private entries = new Map<string, Entry>();
  private readonly doc: JsonDocument<typeof fileSchema>;
  private readonly now: () => number;
  private salt = randomBytes(16).toString('hex');

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
    if (stored?.salt) this.salt = stored.salt;
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

  async setTrust(name: string, def: ServerConnectionDef, patch: { [K in keyof TrustSettings]?: TrustSettings[K] | undefined }): Promise<TrustSettings> {
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

  /** The definition as the dialog shows it, whether it is approved, and what changed since the approval. */
  launchApproval(name: string, def: ServerConnectionDef, secretNames?: ReadonlySet<string>): LaunchApproval {
    const shown = shownLaunch(def, secretNames);
    const base = { fingerprint: launchFingerprint(def), ...shown };
    const launch = this.entries.get(name)?.launch;
    if (!launch) return { approved: false, status: 'never-approved', ...base };
    if (launch.fingerprint !== base.fingerprint) {
      const changes = launch.shown
        ? launchChanges(launch.shown, def, shown, this.salt)
        : // Approved before Switchboard recorded what was shown: only the command line is known.
          [{ field: 'Definition', change: 'changed' as const, before: `${launch.commandLine} (env and folder not recorded)`, now: shown.commandLine }];
      return { approved: false, status: 'changed', ...base, changes };
    }
    return { approved: true, status: launch.source === 'form' ? 'from-form' : 'approved', ...base };
  }

  /**
   * Records an approval if the evidence allows one (the one rule, `launchVerdict`); returns the verdict.
   * A refused verdict (the definition changed since it was shown) records nothing.
   */
  async admit(name: string, def: ServerConnectionDef, evidence: LaunchEvidence, secretNames?: ReadonlySet<string>): Promise<ReturnType<typeof launchVerdict>> {
    const verdict = launchVerdict(name, def, evidence);
    if (verdict.kind === 'record') await this.recordLaunch(name, def, verdict.source, secretNames);
    return verdict;
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

  private async recordLaunch(name: string, def: ServerConnectionDef, source: 'form' | 'person', secretNames?: ReadonlySet<string>): Promise<void> {
    const entry = this.entries.get(name) ?? { ...DEFAULT_TRUST };
    const shown = shownLaunch(def, secretNames);
    const launch = {
      fingerprint: launchFingerprint(def),
      commandLine: shown.commandLine,
      approvedAt: this.now(),
      source,
      shown: recordLaunch(def, shown, this.salt),
    };
    this.entries.set(name, { ...entry, launch });
    await this.save();
  }

  private save(): Promise<void> {
    return this.doc.save({ version: 1, salt: this.salt, servers: Object.fromEntries(this.entries) });
  }
}
