// Per-server sampling limits the person chose, kept in sampling.json in the data dir.
// On by default (the person is asked each time), with a cap on max tokens: larger requests are clamped.
import path from 'node:path';
import type { SamplingLimitsView } from '../api/views.ts';
import { z } from 'zod';
import { JsonDocument } from '../base/jsonDocument.ts';
import type { Logger } from '../base/logger.ts';

export const DEFAULT_SAMPLING_MAX_TOKENS = 4096;

/** sampling.json: per server; a field with a wrong value is dropped (its default applies). */
const storedSchema = z.record(
  z.string(),
  z.object({ enabled: z.boolean().optional().catch(undefined), maxTokens: z.number().optional().catch(undefined) }).catch({}),
);
type Stored = z.output<typeof storedSchema>;

export class SamplingLimits {
  private stored: Stored = {};
  private readonly doc: JsonDocument<typeof storedSchema>;

  constructor(dataDir: string, logger: Logger) {
    this.doc = new JsonDocument(path.join(dataDir, 'sampling.json'), storedSchema, logger);
  }

  /** Why sampling.json could not be used (it was set aside), for a notice; undefined when it loaded. */
  get problem(): string | undefined {
    return this.doc.problem;
  }

  async load(): Promise<void> {
    this.stored = (await this.doc.load()) ?? {};
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
    await this.doc.save(this.stored);
    return this.get(server);
  }
}
