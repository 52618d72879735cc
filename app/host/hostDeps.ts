// The world the core receives as parameters (DESIGN.md §4.1). Nothing in app/ reads globals.

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

export interface SecretStore {
  /** The stored API key, or undefined. */
  getApiKey(): Promise<string | undefined>;
  setApiKey(key: string | null): Promise<void>;
}

export interface HostDeps {
  dataDir: string;
  /** The environment to read defaults from (ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, PATH). */
  env: Record<string, string | undefined>;
  mode: 'electron' | 'web' | 'test';
  logger?: Logger;
  clock?: Clock;
  /** Where the API key lives. Defaults to a 0600 file in dataDir (web mode); Electron passes safeStorage. */
  secrets?: SecretStore;
  /** The person's home folder, where other apps' configs are found (default: env HOME / USERPROFILE). */
  home?: string;
  /** The OS, which decides where other apps keep their configs (default 'linux'). */
  platform?: NodeJS.Platform;
  /** Watch config.json for on-disk edits (default true). */
  watchConfig?: boolean;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
