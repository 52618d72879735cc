// Creates the SDK Client and transport for one definition and runs the initialize handshake.
// Remote `auto` tries Streamable HTTP first and falls back to legacy SSE on a 4xx (the spec's compatibility rule).
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  Client,
  type ClientCapabilities,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type PriorDiscovery,
  type Transport,
  type VersionNegotiationOptions,
} from '@modelcontextprotocol/client';
import type { ConnectionState, TransportKind } from '../api/views.ts';
import { MAX_PAGES } from '../base/pagination.ts';
import type { ProtocolChoice, ServerDefinition } from '../config/serverDefinition.ts';
import { resolveCommand } from './commandResolver.ts';
import { ConnectFailure, httpStatusOf, supportedRevisions } from './describeFailure.ts';
import { ObservedStdioTransport } from './observedStdioTransport.ts';
import type { RemoteAuthProvider } from './remoteAuth.ts';
import { rawRequester } from './rawRequests.ts';
import { safeEnvironment, transportEnvironment } from './safeEnvironment.ts';
import type { ServerSandbox, SandboxedLaunch } from './serverSandbox.ts';

export interface OpenedClient {
  client: Client;
  transport: Transport;
  kind: TransportKind;
}

export interface OpenHooks {
  hostEnv: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  initTimeoutMs: number;
  maxMessageBytes: number;
  clientVersion: string;
  /** Declared in initialize (default: none). */
  capabilities?: ClientCapabilities;
  /** Called with each new client/transport before the handshake, so a stop can close it mid-handshake. */
  onCreated(opened: OpenedClient): void;
  /** Wraps a local server in the OS sandbox (absent: it runs as it is, as in tests of the lifecycle). */
  sandbox?: ServerSandbox;
  /** The era this server agreed on last time (EraVerdict): connect without probing. */
  prior?: PriorDiscovery;
  /** OAuth for a remote server (the SDK runs the flow on a 401); absent for stdio and header-authenticated servers. */
  authProvider?: RemoteAuthProvider;
  /** The server's tool list changed (notifications/tools/list_changed, debounced by the SDK). */
  onToolsChanged?(): void;
  onJunk(line: string, reason: string): void;
  onStderr(text: string): void;
  note(text: string): void;
}

/** Bursts of list_changed (a server registering many tools at once) cost one tools/list. */
export const LIST_CHANGED_DEBOUNCE_MS = 50;

/** How a connection opens a client: injected, so lifecycle tests can use an in-memory server. */
export type OpenClient = (def: ServerDefinition, hooks: OpenHooks) => Promise<OpenedClient>;

/** The SDK's negotiation mode for a server's `protocol` choice (absent: the default for its kind, see eraChoice). */
export function versionNegotiation(choice: ProtocolChoice): VersionNegotiationOptions {
  if (choice === 'auto') return { mode: 'auto' };
  if (choice === '2026-07-28') return { mode: { pin: '2026-07-28' } };
  return { mode: 'legacy' };
}

/**
 * The era a server is spoken to in. Remote servers are asked (`server/discover`, then `initialize` if they do not
 * know it). Local ones speak 2025 unless their entry says otherwise: the probe would run inside the real child,
 * and servers on SDKs that exit on any request before `initialize` would die of it. Legacy SSE has no 2026 era.
 */
export function eraChoice(def: ServerDefinition, kind: TransportKind): ProtocolChoice {
  if (kind === 'sse') return '2025-11-25';
  return def.transport.protocol ?? (def.transport.kind === 'stdio' ? '2025-11-25' : 'auto');
}

export function newClient(hooks: OpenHooks, protocol: ProtocolChoice = '2025-11-25'): Client {
  const onToolsChanged = hooks.onToolsChanged;
  return new Client(
    { name: 'switchboard', version: hooks.clientVersion },
    {
      capabilities: hooks.capabilities ?? {},
      versionNegotiation: versionNegotiation(protocol),
      listMaxPages: MAX_PAGES,
      ...(onToolsChanged ? { listChanged: { tools: { autoRefresh: false, debounceMs: LIST_CHANGED_DEBOUNCE_MS, onChanged: () => onToolsChanged() } } } : {}),
    },
  );
}

/** Announces the new client (so a stop can close it mid-handshake), then runs initialize. */
export async function handshake(client: Client, transport: Transport, kind: TransportKind, hooks: OpenHooks): Promise<OpenedClient> {
  const opened: OpenedClient = { client, transport, kind };
  hooks.onCreated(opened);
  // Legacy SSE has one era: a verdict learned over Streamable HTTP is not for it.
  const prior = kind !== 'sse' ? hooks.prior : undefined;
  // From the first request on, the envelope the client sends is known to requests sent beside it (task calls).
  rawRequester(transport);
  await client.connect(transport, { timeout: hooks.initTimeoutMs, ...(prior ? { prior } : {}) });
  return opened;
}

export async function openStdio(def: ServerDefinition & { transport: { kind: 'stdio' } }, hooks: OpenHooks): Promise<OpenedClient> {
  const { command, args, env, cwd } = def.transport;
  const spawnEnv = safeEnvironment(hooks.hostEnv, env, hooks.platform);
  if (cwd && !existsSync(cwd)) {
    throw new ConnectFailure({ message: `The working folder of \`${def.name}\` (${cwd}) does not exist. Fix "cwd" in its config.`, final: true });
  }
  const resolved = resolveCommand(command, spawnEnv, hooks.platform, cwd);
  if (!resolved.ok) throw new ConnectFailure({ message: resolved.message, final: true });
  hooks.note(`starting: ${[command, ...args].join(' ')}`);
  let boxed: SandboxedLaunch | undefined;
  if (hooks.sandbox && def.transport.sandbox !== false) {
    try {
      boxed = await hooks.sandbox.wrap(def.name, def.transport, resolved.path, spawnEnv, hooks.note);
    } catch (error) {
      throw new ConnectFailure({ message: error instanceof Error ? error.message : String(error), final: true });
    }
    hooks.note(`sandboxed: writes ${boxed.policy.allowWrite.join(', ')}; network ${boxed.policy.domains.length ? boxed.policy.domains.join(', ') : 'none'}`);
  } else if (hooks.sandbox) {
    hooks.note('not sandboxed: its entry says "sandbox": false');
  }
  const transport = new ObservedStdioTransport(
    {
      command: boxed?.command ?? resolved.path,
      args: boxed?.args ?? args,
      env: transportEnvironment(boxed?.env ?? spawnEnv),
      stderr: 'pipe',
      maxBufferSize: hooks.maxMessageBytes,
      ...(cwd ? { cwd } : {}),
    },
    hooks.onJunk,
  );
  const stderr = transport.stderr as Readable | null;
  stderr?.setEncoding('utf8');
  stderr?.on('data', (chunk: string | Buffer) => {
    hooks.onStderr(String(chunk));
    boxed?.stderr(String(chunk));
  });
  if (boxed) transport.onExit(boxed.release);
  try {
    return await handshake(newClient(hooks, eraChoice(def, 'stdio')), transport, 'stdio', hooks);
  } catch (error) {
    boxed?.release();
    throw error;
  }
}

export async function openRemote(def: ServerDefinition & { transport: { kind: 'http' | 'sse' | 'auto' } }, hooks: OpenHooks): Promise<OpenedClient> {
  const { kind, url, headers } = def.transport;
  const target = new URL(url);
  const requestInit = { headers };
  const auth = hooks.authProvider;
  const opts = { requestInit, ...(auth ? { authProvider: auth } : {}), ...(auth?.fetch ? { fetch: auth.fetch } : {}) };
  hooks.note(`connecting: ${url} (${kind === 'auto' ? 'Streamable HTTP, SSE fallback' : kind === 'http' ? 'Streamable HTTP' : 'SSE'})`);
  if (kind === 'sse') return handshake(newClient(hooks), new SSEClientTransport(target, opts), 'sse', hooks);
  try {
    return await handshake(newClient(hooks, eraChoice(def, 'http')), new StreamableHTTPClientTransport(target, opts), 'http', hooks);
  } catch (error) {
    const status = httpStatusOf(error);
    if (kind !== 'auto' || status === undefined || status < 400 || status >= 500 || status === 401 || status === 403) throw error;
    // A server that named the revisions it speaks is a Streamable HTTP server, not a legacy SSE one.
    if (supportedRevisions(error)) throw error;
    hooks.note(`Streamable HTTP initialize got HTTP ${status}; trying legacy SSE`);
    try {
      return await handshake(newClient(hooks), new SSEClientTransport(target, opts), 'sse', hooks);
    } catch (sseError) {
      // The fallback is a guess: when it fails too, the Streamable HTTP answer is what the person needs to see.
      hooks.note(`legacy SSE did not work either: ${sseError instanceof Error ? sseError.message : String(sseError)}`);
      throw error;
    }
  }
}

export const openClient: OpenClient = (def, hooks) => {
  const t = def.transport;
  if (t.kind === 'stdio') return openStdio({ ...def, transport: t }, hooks);
  return openRemote({ ...def, transport: t }, hooks);
};

/** The ready state of a server whose client just opened: who it says it is, the revision agreed, its instructions. */
export function readyStateOf(opened: OpenedClient, name: string, since: number): ConnectionState {
  const info = opened.client.getServerVersion();
  const instructions = opened.client.getInstructions();
  const version = opened.client.getNegotiatedProtocolVersion();
  const era = opened.client.getProtocolEra();
  return {
    kind: 'ready',
    since,
    transport: opened.kind,
    serverName: info?.name ?? name,
    serverVersion: info?.version ?? '',
    ...(version ? { protocolVersion: version } : {}),
    ...(era ? { protocolEra: era === 'modern' ? '2026' : '2025' } : {}),
    ...(instructions ? { instructions } : {}),
  };
}
