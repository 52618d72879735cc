// The world the core receives as parameters (DESIGN.md §4.1). Nothing in app/ reads globals.
import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import type { SecretStore } from '../secrets/secretStore.ts';

export interface HostDeps {
  dataDir: string;
  /** The environment to read defaults from (ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, PATH). */
  env: Record<string, string | undefined>;
  mode: 'electron' | 'web' | 'test';
  logger?: Logger;
  clock?: Clock;
  /** Where the API key lives. Defaults to a 0600 file in dataDir (web mode); Electron passes safeStorage. */
  secrets?: SecretStore;
  /** Watch config.json for on-disk edits (default true). */
  watchConfig?: boolean;
}

// Kept so code written against the old location still compiles after a merge; app/ imports these from
// base/ and secrets/ (the architecture test fails on an app/ folder importing host/).
export type { Clock, Logger, SecretStore };
export { systemClock } from '../base/clock.ts';
export { silentLogger } from '../base/logger.ts';
