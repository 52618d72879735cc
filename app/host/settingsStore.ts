// The person's settings (model, base URL, max tokens) in settings.json; the API key lives in a SecretStore.
import type { EnterpriseIdpInput } from '../api/oauthInput.ts';
import type { EnterpriseIdpStore } from './enterpriseIdpStore.ts';
import path from 'node:path';
import { HostError } from '../api/errors.ts';
import type { SettingsView } from '../api/views.ts';
import { z } from 'zod';
import { baseUrlProblem } from '../llm/baseUrlPolicy.ts';
import { JsonDocument } from '../base/jsonDocument.ts';
import type { Logger } from '../base/logger.ts';
import type { SecretStore } from '../secrets/index.ts';

/** The newest Sonnet in the SDK's Model list (claude-sonnet-4-5 reaches end-of-life on 2026-11-30). */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';
export const DEFAULT_MAX_TOKENS = 8192;
export const DEFAULT_BASE_URL = 'https://api.anthropic.com';
/** The newest Haiku in the SDK's Model list: cheap and quick enough for a five-word title. */
export const DEFAULT_TITLE_MODEL = 'claude-haiku-5-5';
/** Past this many enabled tools (or the ~40k-token budget) tools go deferred behind tool search: where Switchboard used to ask. */
export const DEFAULT_TOOL_SEARCH_AFTER = 128;
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
  titleModel: z.string().min(1).optional().catch(undefined),
  theme: z.enum(['system', 'light', 'dark']).optional().catch(undefined),
  sidebarCollapsed: z.boolean().optional().catch(undefined),
  clientMetadataUrl: z.string().optional().catch(undefined),
  toolSearch: z.enum(['auto', 'off']).optional().catch(undefined),
  toolSearchAfter: z.number().int().positive().optional().catch(undefined),
  pinnedTools: z.array(z.string()).optional().catch(undefined),
});
type StoredSettings = z.output<typeof storedSettingsSchema>;

type SettingsPatch = StoredSettings & { apiKey?: string | null | undefined; enterpriseIdp?: EnterpriseIdpInput | null | undefined };

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
    this.stored = value;
  }

  /** The organization's identity provider (kept in the OAuth secret store), once the host has opened it. */
  enterprise: EnterpriseIdpStore | undefined;

  async update(patch: SettingsPatch): Promise<void> {
    const { apiKey, enterpriseIdp, ...rest } = patch;
    if (enterpriseIdp !== undefined) await this.enterprise?.set(enterpriseIdp);
    const problem = rest.baseUrl ? baseUrlProblem(rest.baseUrl) : undefined;
    if (problem) throw new HostError('invalid-params', problem, [{ path: 'baseUrl', message: problem }]);
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

  /** The model that writes short conversation titles. */
  titleModel(): string {
    return this.stored.titleModel ?? DEFAULT_TITLE_MODEL;
  }

  /** What a request uses: stored settings first, then ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL, then defaults. */
  llm(): LlmSettings {
    return {
      model: this.stored.model ?? DEFAULT_MODEL,
      maxTokens: this.stored.maxTokens ?? DEFAULT_MAX_TOKENS,
      baseUrl: this.usableBaseUrl(),
      apiKey: this.storedKey ?? (this.env.ANTHROPIC_API_KEY || undefined),
    };
  }

  /** A base URL that may not receive the key (from settings.json or ANTHROPIC_BASE_URL) and why it is not used; undefined when all is well. */
  baseUrlProblem(): string | undefined {
    for (const [where, value] of [
      ['settings.json', this.stored.baseUrl],
      ['ANTHROPIC_BASE_URL', this.env.ANTHROPIC_BASE_URL],
    ] as const) {
      const problem = value ? baseUrlProblem(value) : undefined;
      if (problem) return `The API base URL from ${where} is not used: ${problem}`;
    }
    return undefined;
  }

  /** Stored settings first, then ANTHROPIC_BASE_URL, then the default; a URL that may not receive the key is skipped. */
  private usableBaseUrl(): string {
    for (const value of [this.stored.baseUrl, this.env.ANTHROPIC_BASE_URL]) {
      if (value && !baseUrlProblem(value)) return value;
    }
    return DEFAULT_BASE_URL;
  }

  /** When tools go deferred behind tool search: on ('auto') past `afterTools` enabled tools, and which stay loaded. */
  toolSearch(): { on: boolean; afterTools: number; pinned: ReadonlySet<string> } {
    return {
      on: (this.stored.toolSearch ?? 'auto') === 'auto',
      afterTools: this.stored.toolSearchAfter ?? DEFAULT_TOOL_SEARCH_AFTER,
      pinned: new Set(this.stored.pinnedTools ?? []),
    };
  }

  /** The OAuth Client ID Metadata Document URL; empty (none) until the person sets one. Never invented. */
  clientMetadataUrl(): string {
    return this.stored.clientMetadataUrl ?? '';
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
      titleModel: this.titleModel(),
      theme: this.stored.theme ?? 'system',
      sidebarCollapsed: this.stored.sidebarCollapsed ?? false,
      clientMetadataUrl: this.clientMetadataUrl(),
      ...(this.enterprise?.view() ? { enterpriseIdp: this.enterprise.view()! } : {}),
      toolSearch: this.stored.toolSearch ?? 'auto',
      toolSearchAfter: this.stored.toolSearchAfter ?? DEFAULT_TOOL_SEARCH_AFTER,
      pinnedTools: this.stored.pinnedTools ?? [],
    };
  }
}
