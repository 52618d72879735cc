// The world the core receives as parameters (DESIGN.md §4.1). Nothing in app/ reads globals.
import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import type { SecretStore } from '../secrets/index.ts';
import type { AuthSecrets } from '../secrets/index.ts';
import type { CallbackEndpoint } from '../auth/callbackEndpoint.ts';

export interface HostDeps {
  dataDir: string;
  /** The environment to read defaults from (ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, PATH). */
  env: Record<string, string | undefined>;
  mode: 'electron' | 'web' | 'test';
  logger?: Logger;
  clock?: Clock;
  /** Where the API key lives. Defaults to a 0600 file in dataDir (web mode); Electron passes safeStorage. */
  secrets?: SecretStore;
  /** The MCP Apps sandbox-proxy page (on an origin other than the renderer's), if this shell serves one. */
  appSandboxUrl?: string;
  /** The person's home folder, where other apps' configs are found (default: env HOME / USERPROFILE). */
  home?: string;
  /** The OS, which decides where other apps keep their configs (default 'linux'). */
  platform?: NodeJS.Platform;
  /** Watch config.json for on-disk edits (default true). */
  watchConfig?: boolean;
  /** Web mode: mints a one-time sign-in link for another tab or browser. */
  newSignInLink?: () => { url: string; expiresAt: number };
  /** Where OAuth tokens, registrations and client secrets live. Defaults to a 0600 file in dataDir. */
  authSecrets?: AuthSecrets;
  /** Where the browser returns after sign-in: the web server's route; defaults to an ephemeral 127.0.0.1 listener (RFC 8252). */
  oauthCallback?: CallbackEndpoint;
  /** The servers' sandbox helper `apply-seccomp`, where the library cannot find it itself (the packaged app's unpacked copy). */
  sandboxSeccompPath?: string;
  /** Opens a checked http(s) URL in the system browser (desktop); without it the renderer opens a tab. */
  openExternal?: (url: string) => Promise<void>;
}
