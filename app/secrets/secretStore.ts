// Where secrets live: a 0600 file in the data dir (web mode) or Electron's safeStorage.

export interface SecretStore {
  /** The stored API key, or undefined. */
  getApiKey(): Promise<string | undefined>;
  setApiKey(key: string | null): Promise<void>;
}
