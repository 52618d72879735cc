// Runs local servers inside @anthropic-ai/sandbox-runtime (bubblewrap + a network namespace on Linux,
// sandbox-exec on macOS): one library session per host, one wrap per launch with that server's policy.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { SandboxManager, type SandboxRuntimeConfig, type SandboxViolationEvent } from '@anthropic-ai/sandbox-runtime';
import type { SandboxStatusView } from '../api/views.ts';
import { silentLogger, type Logger } from '../base/logger.ts';
import type { ServerTransportDefinition } from '../config/serverDefinition.ts';
import { resolveCommand } from './commandResolver.ts';
import { blockFromLibrary, blockFromStderr, type SandboxBlock } from './sandboxBlocks.ts';
import { resolvePolicy, type ResolvedPolicy } from '../safety/sandboxPolicy.ts';

type StdioTransport = Extract<ServerTransportDefinition, { kind: 'stdio' }>;

export type SandboxAvailability = { available: true } | { available: false; reason: string };

export interface ServerSandboxOptions {
  dataDir: string;
  home: string;
  platform: NodeJS.Platform;
  /** The host environment: bwrap, socat and rg are looked up on its PATH. */
  env: Record<string, string | undefined>;
  /** The folders the person gave this server (MCP roots), as paths. */
  rootsOf: (server: string) => string[];
  /** The library's `apply-seccomp` helper, when it is not where the library looks (the packaged app's unpacked copy). */
  seccompApplyPath?: string;
  /** A server's sandbox status changed (a new block): its view should be sent again. */
  onChange?: (server: string) => void;
  logger?: Logger;
}

/** One sandboxed launch: what to spawn instead, and how to report and release it. */
export interface SandboxedLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  policy: ResolvedPolicy;
  /** Reads the server's stderr for refusals the library cannot see (reads, direct connections). */
  stderr(text: string): void;
  release(): void;
}

const MAX_BLOCKS = 20;

/** POSIX single-quoting for the command line handed to the sandbox's shell. */
function quote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export class ServerSandbox {
  private readonly logger: Logger;
  private ready: Promise<SandboxAvailability> | undefined;
  private readonly blocks = new Map<string, SandboxBlock[]>();
  private readonly launches = new Map<string, { name: string; policy: ResolvedPolicy; note: (text: string) => void }>();
  private readonly seen = new WeakSet<SandboxViolationEvent>();
  private live = 0;
  private cached: SandboxAvailability | undefined;
  private joined = false;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly opts: ServerSandboxOptions) {
    this.logger = opts.logger ?? silentLogger;
  }

  /** Whether servers can be sandboxed here, and if not, why in words. Starts the library's session once. */
  availability(): Promise<SandboxAvailability> {
    this.ready ??= this.start().then((a) => (this.cached = a));
    return this.ready;
  }

  private async start(): Promise<SandboxAvailability> {
    const { platform, env } = this.opts;
    if (platform === 'win32') {
      return {
        available: false,
        reason: 'Switchboard cannot sandbox servers on Windows yet (the sandbox there needs a one-time administrator install it does not do).',
      };
    }
    if (platform !== 'linux' && platform !== 'darwin') return { available: false, reason: `There is no sandbox for ${platform}.` };
    const tool = (name: string, pkg: string) => {
      const found = resolveCommand(name, env, platform);
      return found.ok ? { path: found.path } : { missing: `${name} (install ${pkg})` };
    };
    const bwrap = platform === 'linux' ? tool('bwrap', 'bubblewrap') : undefined;
    const socat = platform === 'linux' ? tool('socat', 'socat') : undefined;
    const rg = tool('rg', 'ripgrep');
    const missing = [bwrap, socat, rg].flatMap((t) => (t && 'missing' in t ? [t.missing] : []));
    if (missing.length)
      return { available: false, reason: `The sandbox needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not on PATH.` };
    const config: SandboxRuntimeConfig = {
      network: { allowedDomains: [], deniedDomains: [] },
      filesystem: { denyRead: [], allowWrite: [], denyWrite: [] },
      ...(bwrap && 'path' in bwrap ? { bwrapPath: bwrap.path } : {}),
      ...(socat && 'path' in socat ? { socatPath: socat.path } : {}),
      ...('path' in rg ? { ripgrep: { command: rg.path } } : {}),
      ...(this.opts.seccompApplyPath ? { seccomp: { applyPath: this.opts.seccompApplyPath } } : {}),
    };
    const available = await joinSession(config, 'path' in rg ? rg.path : undefined, this.logger);
    if (available.available) {
      this.joined = true;
      this.unsubscribe = SandboxManager.getSandboxViolationStore().subscribe((all) => this.onViolations(all));
    }
    return available;
  }

  /** The status a server page shows: sandboxed or not, why, and what was refused lately. */
  status(name: string, transport: ServerTransportDefinition, availability: SandboxAvailability | undefined): SandboxStatusView | undefined {
    if (transport.kind !== 'stdio') return undefined;
    const blocked = (this.blocks.get(name) ?? []).map((b) => ({ text: b.text, allow: b.allow }));
    if (transport.sandbox === false) return { kind: 'off', blocked: [] };
    if (availability && !availability.available) return { kind: 'unavailable', reason: availability.reason, blocked };
    return { kind: 'sandboxed', blocked };
  }

  /** The availability once known (views are built synchronously; the host asks for it at start). */
  known(): SandboxAvailability | undefined {
    return this.cached;
  }

  /**
   * Wraps one launch: `command` is the resolved program, `env` the server's own environment.
   * Throws with a reason a person can act on when there is no sandbox here.
   */
  async wrap(name: string, t: StdioTransport, command: string, env: Record<string, string>, note: (text: string) => void): Promise<SandboxedLaunch> {
    const availability = await this.availability();
    if (!availability.available) {
      throw new Error(`Not sandboxed: ${availability.reason} Install what it needs, or choose "Run without a sandbox" for ${name} on its page.`);
    }
    const serverDir = path.join(this.opts.dataDir, 'servers', encodeURIComponent(name));
    const tempDir = path.join(serverDir, 'tmp');
    mkdirSync(tempDir, { recursive: true, mode: 0o700 });
    const policy = resolvePolicy(t, t.sandbox === false ? undefined : t.sandbox, {
      home: this.opts.home,
      dataDir: this.opts.dataDir,
      serverDir,
      tempDir,
      roots: this.opts.rootsOf(name),
    });
    const commandId = randomBytes(16).toString('base64url');
    const commandText = `switchboard server ${name} ${commandId}`;
    // The library points TMPDIR at its own /tmp/claude (shared, and missing unless something made it): the
    // server's own temp folder is set inside the sandbox, last, so it wins.
    const temp = ['TMPDIR', 'TMP', 'TEMP'].map((k) => `${k}=${tempDir}`);
    const inner = ['env', ...temp, command, ...t.args].map(quote).join(' ');
    const wrapped = await SandboxManager.wrapWithSandbox(
      inner,
      undefined,
      {
        filesystem: { denyRead: policy.denyRead, allowRead: policy.allowRead, allowWrite: policy.allowWrite, denyWrite: [] },
      },
      undefined,
      { commandId, commandText },
    );
    if (policy.domains.length) SandboxManager.registerCommandNetworkLists(commandId, { allowedDomains: policy.domains });
    this.launches.set(commandText, { name, policy, note });
    this.live++;
    this.blocks.delete(name);
    this.opts.onChange?.(name);
    let released = false;
    return {
      command: '/bin/sh',
      args: ['-c', wrapped],
      env: { ...env, ...policy.env },
      policy,
      stderr: (text) => {
        for (const line of text.split('\n')) {
          const block = blockFromStderr(line, policy, this.opts.home);
          if (block) this.record(name, block, note);
        }
      },
      release: () => {
        if (released) return;
        released = true;
        SandboxManager.unregisterCommandNetworkLists(commandId);
        this.launches.delete(commandText);
        if (--this.live === 0) SandboxManager.cleanupAfterCommand();
      },
    };
  }

  private onViolations(all: SandboxViolationEvent[]): void {
    for (const v of all) {
      if (this.seen.has(v)) continue;
      this.seen.add(v);
      const launch = v.command === undefined ? undefined : this.launches.get(v.command);
      if (!launch) continue;
      const block = blockFromLibrary(v.line, launch.policy, this.opts.home);
      if (block) this.record(launch.name, block, launch.note);
    }
  }

  private record(name: string, block: SandboxBlock, note: (text: string) => void): void {
    const list = this.blocks.get(name) ?? [];
    if (list.some((b) => b.text === block.text)) return;
    list.push(block);
    if (list.length > MAX_BLOCKS) list.shift();
    this.blocks.set(name, list);
    note(`sandbox: ${block.text}`);
    this.opts.onChange?.(name);
  }

  async dispose(): Promise<void> {
    if (!this.ready) return;
    await this.ready;
    this.unsubscribe?.();
    if (this.joined) await leaveSession();
    this.joined = false;
  }
}

/**
 * The library keeps one session per process (its proxies, its violation store). Hosts in one process (tests,
 * a restart of the core) share it: the first starts it, the last one out resets it.
 */
let session: { ready: Promise<SandboxAvailability>; users: number } | undefined;

function joinSession(config: SandboxRuntimeConfig, rgPath: string | undefined, logger: Logger): Promise<SandboxAvailability> {
  if (!session) {
    const ready = (async (): Promise<SandboxAvailability> => {
      try {
        const deps = SandboxManager.checkDependencies(rgPath ? { command: rgPath } : undefined);
        if (deps.errors.length) return { available: false, reason: `The sandbox cannot start: ${deps.errors.join('; ')}` };
        // The log monitor reports the write attempts bubblewrap refuses (Linux) and sandbox-exec's denials (macOS).
        await SandboxManager.initialize(config, undefined, true);
        return { available: true };
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        logger.warn(`sandbox unavailable: ${text}`);
        return { available: false, reason: `The sandbox cannot start here: ${text.split('\n')[0] ?? text}` };
      }
    })();
    session = { ready, users: 0 };
  }
  const joined = session;
  joined.users++;
  return joined.ready.then((a) => {
    if (!a.available) joined.users--;
    if (!a.available && joined.users === 0 && session === joined) session = undefined;
    return a;
  });
}

async function leaveSession(): Promise<void> {
  const current = session;
  if (!current || --current.users > 0) return;
  session = undefined;
  await SandboxManager.reset();
}
