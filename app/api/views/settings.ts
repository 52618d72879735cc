// The settings a person sees and changes.
// Plain data that crosses the contract: everything here must survive JSON.stringify.
import type { EnterpriseIdpView } from './enterpriseIdp.ts';

export type ApiKeySource = 'settings' | 'env' | 'none';

export interface SettingsView {
  model: string;
  /** Empty means the SDK default (or ANTHROPIC_BASE_URL). */
  baseUrl: string;
  effectiveBaseUrl: string;
  apiKeySet: boolean;
  apiKeySource: ApiKeySource;
  models: string[];
  maxTokens: number;
  /** The small model that writes a conversation's short title after its first answer. */
  titleModel: string;
  theme: ThemeChoice;
  sidebarCollapsed: boolean;
  /** The OAuth Client ID Metadata Document URL offered to servers that support it; '' = none. */
  clientMetadataUrl?: string;
  /** The organization's identity provider for enterprise-managed sign-in (SEP-990); absent: none set up. */
  enterpriseIdp?: EnterpriseIdpView;
  /** 'auto': past `toolSearchAfter` enabled tools, tools go deferred and Claude finds them with tool search; 'off': all are sent (the tool budget asks first). */
  toolSearch: 'auto' | 'off';
  toolSearchAfter: number;
  /** Tools (their API names, `server__tool`) always sent with their definitions. */
  pinnedTools: string[];
}

export type ThemeChoice = 'system' | 'light' | 'dark';
