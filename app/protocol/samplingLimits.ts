// Per-server sampling limits the person chose, kept in sampling.json in the data dir.
// On by default (the person is asked each time), with a cap on max tokens: larger requests are clamped.
import path from 'node:path';
import type { SamplingLimitsView } from '../api/views.ts';
import { readFileIfExists, writeFileAtomic } from '../base/atomicFile.ts';
import type { Logger } from '../base/logger.ts';

export const DEFAULT_SAMPLING_MAX_TOKENS = 4096;

type Stored = Record<string, { enabled?: boolean; maxTokens?: number }>;

export class SamplingLimits {
  private stored: Stored = {};
  private readonly file: string;

  constructor(dataDir: string, private readonly logger: Logger) {
    this.file = path.join(dataDir, 'sampling.json');
  }

  async load(): Promise<void> {
    try {
      const raw = await readFileIfExists(this.file);
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      this.stored = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Stored) : {};
    } catch (error) {
      this.logger.warn(`sampling.json could not be read; using the defaults: ${(error as Error).message}`);
      this.stored = {};
    }
  }

  get(server: string): SamplingLimitsView {
    const s = this.stored[server] ?? {};
    return {
      server,
      enabled: s.enabled !== false,
      maxTokens: typeof s.maxTokens === 'number' && s.maxTokens >= 1 ? s.maxTokens : DEFAULT_SAMPLING_MAX_TOKENS,
    };
  }

  async set(server: string, patch: { enabled?: boolean | undefined; maxTokens?: number | undefined }): Promise<SamplingLimitsView> {
    const current = this.get(server);
    this.stored = {
      ...this.stored,
      [server]: { enabled: patch.enabled ?? current.enabled, maxTokens: patch.maxTokens ?? current.maxTokens },
    };
    await writeFileAtomic(this.file, `${JSON.stringify(this.stored, null, 2)}\n`);
    return this.get(server);
  }
}
