// What is remembered about one server's sign-in, kept in the secret store (never config.json): the client
// registration and the tokens, each stamped by the SDK with the issuer they belong to.
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/client';
import type { AuthSecrets } from '../secrets/index.ts';

export interface AuthRecord {
  client?: OAuthClientInformationMixed;
  tokens?: OAuthTokens;
  /** Epoch ms when the tokens were saved, to know when they expire. */
  tokensSavedAt?: number;
}

export class AuthRecordStore {
  private cached: AuthRecord | undefined;

  constructor(
    private readonly secrets: AuthSecrets,
    private readonly key: string,
    private readonly onSecrets: (values: string[]) => void,
  ) {}

  async read(): Promise<AuthRecord> {
    if (!this.cached) {
      const text = await this.secrets.read(this.key);
      this.cached = parse(text);
      this.announce();
    }
    return this.cached;
  }

  /** The record if it was read already (views are synchronous). */
  peek(): AuthRecord | undefined {
    return this.cached;
  }

  async update(change: (record: AuthRecord) => AuthRecord): Promise<void> {
    this.cached = change(await this.read());
    this.announce();
    const empty = !this.cached.client && !this.cached.tokens;
    await this.secrets.write(this.key, empty ? undefined : JSON.stringify(this.cached));
  }

  /** Every secret value, so the redactor keeps them out of logs, events and results. */
  private announce(): void {
    const r = this.cached ?? {};
    const client = r.client as { client_secret?: string } | undefined;
    this.onSecrets([r.tokens?.access_token, r.tokens?.refresh_token, r.tokens?.id_token, client?.client_secret].filter((v): v is string => !!v));
  }
}

function parse(text: string | undefined): AuthRecord {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as AuthRecord) : {};
  } catch {
    return {};
  }
}
