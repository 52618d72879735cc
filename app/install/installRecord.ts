// <dataDir>/installs.json: where each installed server came from, and whether the first-run import offer was shown.
import path from 'node:path';
import { z } from 'zod';
import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import { JsonDocument } from '../base/jsonDocument.ts';
import { assertNever } from '../api/errors.ts';

const APP_LABELS: Record<string, string> = {
  'claude-desktop': 'Claude Desktop',
  vscode: 'VS Code',
  cursor: 'Cursor',
  windsurf: 'Windsurf',
  'claude-code': 'Claude Code',
};

export type InstallOrigin =
  | { kind: 'import'; app: string; file: string }
  | { kind: 'link'; shape: string }
  | { kind: 'registry'; registry: string; name: string; version: string }
  | { kind: 'bundle'; name: string; version: string }
  | { kind: 'paste' };

const originSchema = z.union([
  z.object({ kind: z.literal('import'), app: z.string(), file: z.string() }),
  z.object({ kind: z.literal('link'), shape: z.string() }),
  z.object({ kind: z.literal('registry'), registry: z.string(), name: z.string(), version: z.string() }),
  z.object({ kind: z.literal('bundle'), name: z.string(), version: z.string() }),
  z.object({ kind: z.literal('paste') }),
]);

const fileSchema = z.object({
  version: z.literal(1),
  offerShown: z.boolean().default(false),
  /** The MCP Registry to browse; absent: the official one. */
  registryUrl: z.string().optional(),
  origins: z.record(z.string(), z.object({ origin: originSchema, at: z.number() })).default({}),
});
type File = z.output<typeof fileSchema>;

export class InstallRecord {
  private data: File = { version: 1, offerShown: false, origins: {} };
  private readonly doc: JsonDocument<typeof fileSchema>;

  constructor(
    dataDir: string,
    logger: Logger,
    private readonly clock: Pick<Clock, 'now'>,
  ) {
    this.doc = new JsonDocument(path.join(dataDir, 'installs.json'), fileSchema, logger);
  }

  async load(): Promise<void> {
    this.data = (await this.doc.load()) ?? this.data;
  }

  get offerShown(): boolean {
    return this.data.offerShown;
  }

  async markOfferShown(): Promise<void> {
    if (this.data.offerShown) return;
    this.data = { ...this.data, offerShown: true };
    await this.doc.save(this.data);
  }

  get registryUrl(): string | undefined {
    return this.data.registryUrl;
  }

  async setRegistryUrl(url: string | undefined): Promise<void> {
    const { registryUrl: _old, ...rest } = this.data;
    this.data = url ? { ...rest, registryUrl: url } : rest;
    await this.doc.save(this.data);
  }

  originOf(name: string): InstallOrigin | undefined {
    return this.data.origins[name]?.origin;
  }

  /** Where `name` came from, in a person's words; undefined for the form, a paste or an edit on disk. */
  describeOrigin(name: string): string | undefined {
    const origin = this.originOf(name);
    if (!origin) return undefined;
    switch (origin.kind) {
      case 'import':
        return `${APP_LABELS[origin.app] ?? origin.app}\u2019s file ${origin.file}`;
      case 'link':
        return `an install link (${origin.shape === 'switchboard' ? 'Switchboard' : origin.shape === 'vscode' ? 'VS Code' : 'Cursor'} style)`;
      case 'registry':
        return `the MCP Registry at ${origin.registry} (${origin.name} ${origin.version})`;
      case 'bundle':
        return `the bundle ${origin.name} ${origin.version}`;
      case 'paste':
        return undefined;
      default:
        return assertNever(origin);
    }
  }

  async forget(name: string): Promise<void> {
    if (!(name in this.data.origins)) return;
    const origins = { ...this.data.origins };
    delete origins[name];
    this.data = { ...this.data, origins };
    await this.doc.save(this.data);
  }

  async record(names: string[], origin: InstallOrigin): Promise<void> {
    const origins = { ...this.data.origins };
    for (const name of names) origins[name] = { origin, at: this.clock.now() };
    this.data = { ...this.data, origins };
    await this.doc.save(this.data);
  }
}
