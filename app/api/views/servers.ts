// A server as the renderer sees it: its entry, lifecycle, launch approval, config problems and log.
// Plain data that crosses the contract: everything here must survive JSON.stringify.
import type { OAuthSetupView } from './oauthSetup.ts';
import type { AuthView } from './auth.ts';
import type { SandboxPolicyView, SandboxStatusView } from './sandbox.ts';
import type { McpLogLevel, ServerCapabilitiesView } from './protocol.ts';
import type { ToolView } from './tools.ts';

export type TransportKind = 'stdio' | 'http' | 'sse';

/** A server's lifecycle. Every switch over `kind` ends in assertNever. */
export type ConnectionState =
  | { kind: 'stopped'; reason?: string }
  | { kind: 'starting'; since: number; attempt: number }
  | {
      kind: 'ready';
      since: number;
      transport: TransportKind;
      serverName: string;
      serverVersion: string;
      protocolVersion?: string;
      /** The protocol era agreed: `2026` (2026-07-28: `server/discover`, stateless) or `2025` (`initialize`). */
      protocolEra?: '2026' | '2025';
      instructions?: string;
    }
  | {
      /** A remote server that was ready and went away: Switchboard keeps trying until it is back or stopped. */
      kind: 'reconnecting';
      /** One sentence for a person: why the last attempt failed (or why the connection was lost). */
      reason: string;
      /** Epoch ms when the connection was lost. */
      since: number;
      attempt: number;
      /** Epoch ms of the next attempt; absent while an attempt is under way. */
      retryAt?: number;
    }
  | {
      kind: 'error';
      /** One sentence for a person: what failed and what to do. */
      message: string;
      exitCode?: number | null;
      signal?: string | null;
      httpStatus?: number;
      /** The last lines the server wrote to stderr (or an HTTP body excerpt). */
      stderrTail: string[];
      /** True when the server answered 401/403: it needs credentials. */
      needsAuth?: boolean;
      /** Epoch ms of the next automatic restart, if one is scheduled. */
      retryAt?: number;
      attempt: number;
      since: number;
    }
  | {
      kind: 'needs-sign-in';
      /** The authorization server's host, shown before anything is opened ("Sign in to <host>"). */
      authorizationHost: string;
      /** One sentence for a person: why sign-in is needed (first time, expired, more access asked). */
      message: string;
      since: number;
    };

export type ConnectionStateKind = ConnectionState['kind'];

/** A server entry as the renderer may see it: secret values never leave the core. */
export type ServerEntryView =
  | {
      transport: 'stdio';
      command: string;
      args: string[];
      /** Keys only; values are secret and stay in the core. */
      envKeys: string[];
      cwd?: string;
      /** Its sandbox policy: absent is the default, false runs it unsandboxed. */
      sandbox?: SandboxPolicyView | false;
      /** The protocol era set in its entry; absent: the default (2025-11-25 for local servers). */
      protocol?: ProtocolChoiceView;
    }
  | {
      transport: 'http' | 'sse' | 'auto';
      url: string;
      /** Header names only; values are secret and stay in the core. */
      headerKeys: string[];
      /** The sign-in set-up written in config.json, if any. */
      oauth?: OAuthSetupView;
      /** The protocol era set in its entry; absent: the default (auto for remote servers). */
      protocol?: ProtocolChoiceView;
    };

export type ProtocolChoiceView = 'auto' | '2026-07-28' | '2025-11-25';

/** How much the person lets this server run without asking. Both off by default. */
export interface TrustView {
  /** Trust and auto-approve: every tool runs without asking. */
  trusted: boolean;
  /** Tools marked `readOnlyHint` run without asking (the hint is the server's claim; the person chose to believe it). */
  autoApproveReadOnly: boolean;
}

/** One env var of a launch as the approval dialog shows it. */
export interface LaunchEnvView {
  name: string;
  /** The value, shown in full; absent for a secret (its value is masked but still part of the fingerprint). */
  value?: string;
  secret: boolean;
  /** The name changes what a launcher executes (NODE_OPTIONS, npm_config_*, LD_PRELOAD, PATH, proxies, …). */
  flagged: boolean;
}

/** One difference between the approved launch definition and the current one. */
export interface LaunchChangeView {
  /** What changed, as a person reads it: "Command line", "Folder", "URL", "env NODE_OPTIONS", "header X-Api-Key". */
  field: string;
  change: 'added' | 'removed' | 'changed';
  /** Before and now as shown; a secret shows as a named mask (`‹secret NAME›`). */
  before?: string;
  now?: string;
}

/**
 * A launch definition as every approval shows it (the launch dialog, an install link's review, an
 * import's list): what runs or is contacted, hidden characters spelled out, secrets masked.
 */
export interface ShownLaunchView {
  target: 'command' | 'url';
  /** The exact command line, shell-quoted, never truncated; or the URL of a remote server. */
  commandLine: string;
  cwd?: string;
  /** Every env var the server gets (stdio), sorted by name. */
  env: LaunchEnvView[];
  /** The header names sent to a remote server (values are secret). */
  headerNames: string[];
  /** How a remote server's sign-in is set up (OAuth grant, client id, scopes), when its entry says. */
  signIn?: string;
  /** A local server's sandbox policy in words, one line each (part of the fingerprint when the entry sets one). */
  sandbox?: string[];
}

/**
 * Whether a server may start or be contacted: one that did not come from the person's own form input
 * waits until they approve exactly this definition (its `fingerprint`).
 */
export interface LaunchView extends ShownLaunchView {
  approved: boolean;
  status: 'approved' | 'from-form' | 'never-approved' | 'changed';
  /** The fingerprint of exactly what is shown here; `servers.approveLaunch` must carry it back. */
  fingerprint: string;
  /** What differs from the definition approved before (status `changed`). */
  changes?: LaunchChangeView[];
}

export interface ServerView {
  /** The key in `mcpServers`. Unique. */
  name: string;
  entry: ServerEntryView;
  disabled: boolean;
  trust: TrustView;
  launch: LaunchView;
  /**
   * Names of env/header values that hold secrets (by their name) but are still written in config.json
   * in plain text, e.g. hand-written there; empty when none. Never the values.
   * `servers.moveInlineSecrets` moves them to the secret store.
   */
  inlineSecrets: string[];
  toolTimeoutSeconds?: number;
  state: ConnectionState;
  tools: ToolView[];
  /** Problems with this server's config entry, with JSON paths. */
  issues: ConfigIssue[];
  /** What the server said it supports in its initialize result; present while ready. */
  capabilities?: ServerCapabilitiesView;
  /** The `logging/setLevel` the person chose for this server, re-sent after every reconnect. */
  logLevel?: McpLogLevel;
  /** OAuth sign-in of a remote server; absent for stdio servers and servers that never asked. Never carries tokens. */
  auth?: AuthView;
  /** Where it was installed from, when not the form or a paste: for a person, e.g. "the MCP Registry (io.github.user/weather 1.0.0)". */
  origin?: string;
  /** A local server's sandbox: enforced, off, or unavailable here (and why), with what it refused lately. */
  sandbox?: SandboxStatusView;
}

export interface ConfigIssue {
  /** JSON path, e.g. `mcpServers.github.args[1]`. */
  path: string;
  message: string;
}

export interface ConfigView {
  path: string;
  /** Problems with the file as a whole (unparseable JSON, wrong top-level shape). */
  fileError?: string;
  issues: ConfigIssue[];
}

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error';

export interface LogLine {
  at: number;
  level: LogLevel;
  /** stderr from the process, protocol traffic, or the host's own notes about this server. */
  source: 'stderr' | 'stdout' | 'protocol' | 'host' | 'server';
  text: string;
}
