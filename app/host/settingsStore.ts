// The person's settings (model, base URL, max tokens) in settings.json; the API key lives in a SecretStore.
import path from 'node:path';
import type { SettingsView } from '../api/views.ts';
import { z } from 'zod';
import { JsonDocument } from '../base/jsonDocument.ts';
import type { Logger } from '../base/logger.ts';
import type { SecretStore } from '../secrets/secretStore.ts';

/** The newest Sonnet in the SDK's Model list (claude-sonnet-4-5 reaches end-of-life on 2026-11-30). */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';
export const DEFAULT_MAX_TOKENS = 8192;
export const DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const KNOWN_MODELS = [
  'claude-sonnet-5-5',
  'claude-opus-5-5',
  'claude-haiku-5-5',
  'claude-sonnet-5',
  'claude-opus-5',
  'claude-opus-4-8',
  'claude-sonnet-4-6',
  'claude-haiku-4-5',
];

/** settings.json; a field with a wrong value is dropped (its default applies), the others are kept. */
const storedSettingsSchema = z.object({
  model: z.string().min(1).optional().catch(undefined),
  baseUrl: z.string().optional().catch(undefined),
  maxTokens: z.number().positive().optional().catch(undefined),
});
type StoredSettings = z.output<typeof storedSettingsSchema>;

export interface LlmSettings {
  model: string;
  maxTokens: number;
  baseUrl: string;
  apiKey: string | undefined;
}

export class SettingsStore {
  private readonly doc: JsonDocument<typeof storedSettingsSchema>;
  private stored: StoredSettings = {};
  /** The key from the SecretStore, read once at load; it only changes through `update`. */
  private storedKey: string | undefined;
  /** Why the stored key could not be read (e.g. the OS keychain cannot decrypt it); treated as no key. */
  keyProblem: string | undefined;

  constructor(
    dataDir: string,
    private readonly env: Record<string, string | undefined>,
    private readonly secrets: SecretStore,
    logger: Logger,
  ) {
    this.doc = new JsonDocument(path.join(dataDir, 'settings.json'), storedSettingsSchema, logger);
  }

  /** Why settings.json could not be used (it was set aside), for a notice; undefined when it loaded. */
  get problem(): string | undefined {
    return this.doc.problem;
  }

  async load(): Promise<void> {
    try {
      this.storedKey = await this.secrets.getApiKey();
    } catch (error) {
      // A key that cannot be read counts as none, so the person can enter it again.
      this.keyProblem = (error as Error).message;
    }
    const value = await this.doc.load();
    if (!value) return;
    this.stored = {
      ...(value.model !== undefined ? { model: value.model } : {}),
      ...(value.baseUrl !== undefined ? { baseUrl: value.baseUrl } : {}),
      ...(value.maxTokens !== undefined ? { maxTokens: value.maxTokens } : {}),
    };
  }

  async update(patch: { model?: string; baseUrl?: string; maxTokens?: number; apiKey?: string | null }): Promise<void> {
    const { apiKey, ...rest } = patch;
    if (apiKey !== undefined) {
      await this.secrets.setApiKey(apiKey);
      this.storedKey = apiKey ?? undefined;
      this.keyProblem = undefined;
    }
    if (Object.keys(rest).length > 0) {
      this.stored = { ...this.stored, ...rest };
      await this.doc.save(this.stored);
    }
  }

  /** What a request uses: stored settings first, then ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL, then defaults. */
  llm(): LlmSettings {
    return {
      model: this.stored.model ?? DEFAULT_MODEL,
      maxTokens: this.stored.maxTokens ?? DEFAULT_MAX_TOKENS,
      baseUrl: this.stored.baseUrl || this.env.ANTHROPIC_BASE_URL || DEFAULT_BASE_URL,
      apiKey: this.storedKey ?? (this.env.ANTHROPIC_API_KEY || undefined),
    };
  }

  view(): SettingsView {
    const llm = this.llm();
    return {
      model: llm.model,
      baseUrl: this.stored.baseUrl ?? '',
      effectiveBaseUrl: llm.baseUrl,
      apiKeySet: llm.apiKey !== undefined,
      apiKeySource: this.storedKey ? 'settings' : this.env.ANTHROPIC_API_KEY ? 'env' : 'none',
      models: KNOWN_MODELS.includes(llm.model) ? KNOWN_MODELS : [llm.model, ...KNOWN_MODELS],
      maxTokens: llm.maxTokens,
    };
  }
}
