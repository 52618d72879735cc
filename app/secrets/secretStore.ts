// Where secrets live: a 0600 file in the data dir (web mode) or Electron's safeStorage.

export interface SecretStore {
  /** The stored API key, or undefined. */
  getApiKey(): Promise<string | undefined>;
  setApiKey(key: string | null): Promise<void>;
  /** Every stored secret of server entries (env and header values, tokens), by id; read once at start. */
  readServerSecrets(): Promise<Record<string, string>>;
  /** Replaces the stored server secrets with `all`. */
  writeServerSecrets(all: Record<string, string>): Promise<void>;
}
