// The options of a ServerConnection, and their defaults.
import type { WireMessageView } from '../api/views.ts';
import type { BackoffPolicy } from '../base/backoff.ts';
import { systemClock, type Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import type { ClientHooks } from './clientHooks.ts';
import { openClient, type OpenClient } from './openClient.ts';
import type { LivenessPolicy } from './remoteLiveness.ts';
import type { RemoteAuth } from './remoteAuth.ts';
import type { CallClocks } from './runningCalls.ts';
import type { ServerSandbox } from './serverSandbox.ts';
import { INIT_TIMEOUT_MS } from '../base/timeouts.ts';

export interface ServerConnectionOptions {
  /** The host environment; the server gets only the safe subset plus its own `env`. */
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  logger?: Logger;
  clock?: Clock;
  initTimeoutMs?: number;
  autoRestart?: boolean;
  backoff?: Partial<BackoffPolicy>;
  random?: () => number;
  /** How long a stopping server gets after stdin closes, and again after SIGTERM. */
  stopGraceMs?: number;
  maxMessageBytes?: number;
  maxLogLines?: number;
  clientVersion?: string;
  /** The client side of the protocol (capabilities, sampling, elicitation, roots, notifications). */
  clientHooks?: ClientHooks;
  /** How a client is opened (default: stdio, Streamable HTTP or SSE from the definition). Tests pass an in-memory one. */
  openClient?: OpenClient;
  /** Keep-alive pings of a ready remote server (see remoteLiveness.ts). */
  liveness?: Partial<LivenessPolicy>;
  /** OAuth sign-in for remote servers. */
  auth?: RemoteAuth;
  /** The OS sandbox local servers run in (absent: none, as in lifecycle tests). */
  sandbox?: ServerSandbox;
  /** After each tool call settles: a call may start processes of its own (the PID file records them). */
  onCallSettled?: () => void;
}

export interface CallToolOptions extends CallClocks {
  /** Receives the call's JSON-RPC messages (request, response, progress, log) when it settles. */
  onWire?: (messages: WireMessageView[]) => void;
}

export type ResolvedOptions = Required<
  Omit<ServerConnectionOptions, 'logger' | 'backoff' | 'random' | 'clientHooks' | 'liveness' | 'auth' | 'sandbox' | 'onCallSettled'>
> & {
  logger?: Logger;
  sandbox?: ServerSandbox;
  onCallSettled?: () => void;
};

export function resolveOptions(options: ServerConnectionOptions): ResolvedOptions {
  return {
    env: options.env,
    platform: options.platform ?? process.platform,
    clock: options.clock ?? systemClock,
    initTimeoutMs: options.initTimeoutMs ?? INIT_TIMEOUT_MS,
    autoRestart: options.autoRestart ?? true,
    stopGraceMs: options.stopGraceMs ?? 2_000,
    maxMessageBytes: options.maxMessageBytes ?? 64 * 1024 * 1024,
    maxLogLines: options.maxLogLines ?? 500,
    clientVersion: options.clientVersion ?? '0.1.0',
    openClient: options.openClient ?? openClient,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    ...(options.onCallSettled ? { onCallSettled: options.onCallSettled } : {}),
  };
}
