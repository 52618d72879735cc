// One MCP server: its SDK Client, its lifecycle as a ConnectionState, its tools, its log, restarts with backoff.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  ErrorCode,
  LoggingMessageNotificationSchema,
  McpError,
  ToolListChangedNotificationSchema,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { ConnectionState, LogLevel, LogLine } from '../api/views.ts';
import { systemClock, type Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import type { ClientHooks } from './clientHooks.ts';
import { Backoff, defaultBackoff, type BackoffPolicy } from '../base/backoff.ts';
import { callFailed, notReady, ToolCallError } from './callErrors.ts';
import { ConnectionLog } from './connectionLog.ts';
import { describeFailure, httpStatusOf, networkCode, seconds, type Failure } from './describeFailure.ts';
import { ObservedStdioTransport } from './observedStdioTransport.ts';
import { listAllTools } from './listTools.ts';
import { openClient, type OpenedClient } from './openClient.ts';
import { ServerOutput } from './serverOutput.ts';
import { stopOpened } from './stopOpened.ts';
import { holdTimersWhilePaused } from './sdkRequestClock.ts';

function lastLine(lines: string[]): { lastStderr?: string } {
  const line = [...lines].reverse().find((l) => l.trim() !== '');
  return line ? { lastStderr: line.trim() } : {};
}

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
}

export interface CallToolOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  maxTotalTimeoutMs?: number;
  onProgress?: (p: { progress: number; total?: number; message?: string }) => void;
}

export class ServerConnection {
  private def: ServerDefinition;
  private readonly opts: Required<Omit<ServerConnectionOptions, 'logger' | 'backoff' | 'random' | 'clientHooks'>> & { logger?: Logger };
  private readonly hooks: ClientHooks | undefined;
  private readonly backoff: Backoff;
  private heldClient: Client | undefined;
  private stopHolding: (() => void) | undefined;
  private st: ConnectionState = { kind: 'stopped' };
  private gen = 0;
  private failedGen = -1;
  private opened: OpenedClient | undefined;
  private toolList: Tool[] = [];
  private retry: { cancel(): void } | undefined;
  private running: Promise<void> | undefined;
  private attempt = 0;
  private toolsVersion = 0;
  private toolsChangedWhileStarting = false;
  private renewing: Promise<void> | undefined;
  /** The teardown of the last failed attempt; the next start and stop wait for it. */
  private cleaning: Promise<void> = Promise.resolve();
  private readonly changeListeners = new Set<() => void>();
  private readonly logBook: ConnectionLog;
  private readonly output: ServerOutput;

  constructor(def: ServerDefinition, options: ServerConnectionOptions) {
    this.def = def;
    this.opts = {
      env: options.env,
      platform: options.platform ?? process.platform,
      clock: options.clock ?? systemClock,
      initTimeoutMs: options.initTimeoutMs ?? 30_000,
      autoRestart: options.autoRestart ?? true,
      stopGraceMs: options.stopGraceMs ?? 2_000,
      maxMessageBytes: options.maxMessageBytes ?? 64 * 1024 * 1024,
      maxLogLines: options.maxLogLines ?? 500,
      clientVersion: options.clientVersion ?? '0.1.0',
      ...(options.logger ? { logger: options.logger } : {}),
    };
    this.hooks = options.clientHooks;
    this.logBook = new ConnectionLog(this.opts.maxLogLines, () => this.opts.clock.now());
    this.output = new ServerOutput(this.logBook);
    this.backoff = new Backoff({ ...defaultBackoff, ...options.backoff }, options.random);
  }

  get name(): string {
    return this.def.name;
  }
  get definition(): ServerDefinition {
    return this.def;
  }
  /** For changes that need no restart (timeouts, disabled tools). */
  updateDefinition(def: ServerDefinition): void {
    this.def = def;
  }
  state(): ConnectionState {
    return this.st;
  }
  tools(): Tool[] {
    return this.toolList;
  }
  /** The stdio child's pid while it runs. */
  pid(): number | undefined {
    const t = this.opened?.transport;
    return t instanceof ObservedStdioTransport ? t.child?.pid : undefined;
  }
  /** The SDK client while ready, for features layered on later (resources, prompts). */
  client(): Client | undefined {
    return this.st.kind === 'ready' ? this.opened?.client : undefined;
  }
  logs(): LogLine[] {
    return this.logBook.all();
  }
  onChange(fn: () => void): () => void {
    this.changeListeners.add(fn);
    return () => this.changeListeners.delete(fn);
  }
  onLog(fn: (line: LogLine) => void): () => void {
    return this.logBook.onLine(fn);
  }

  /** Connects. Resolves once ready or in error; never rejects. */
  start(): Promise<void> {
    if (this.st.kind === 'ready') return Promise.resolve();
    if (this.st.kind === 'starting' && this.running) return this.running;
    return this.launch();
  }

  /** Stops (no automatic restart): closes stdin, then SIGTERM, then SIGKILL of the whole tree. */
  async stop(reason?: string): Promise<void> {
    this.gen++;
    this.cancelRetry();
    this.backoff.reset();
    const opened = this.opened;
    this.opened = undefined;
    this.running = undefined;
    this.toolList = [];
    this.setState(reason ? { kind: 'stopped', reason } : { kind: 'stopped' });
    if (opened) await stopOpened(opened, this.opts);
    await this.cleaning;
  }

  /** Stops and starts again, at any time; resets the backoff. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** Runs a tool. Rejects with a ToolCallError whose message is for a person. */
  callTool(toolName: string, args: Record<string, unknown>, opts: CallToolOptions): Promise<CallToolResult> {
    // Only remote sessions can expire or drop: a stdio call needs no retry around it.
    if (this.opened?.kind === 'stdio') return this.callOnce(toolName, args, opts);
    return this.callRemote(toolName, args, opts);
  }

  private async callRemote(toolName: string, args: Record<string, unknown>, opts: CallToolOptions): Promise<CallToolResult> {
    const session = this.opened;
    try {
      return await this.callOnce(toolName, args, opts);
    } catch (error) {
      if (error instanceof ToolCallError && this.isUnreachable(error.cause) && this.opened === session) {
        this.fail(this.gen, error.cause, 'ready');
      }
      if (!(error instanceof ToolCallError && this.isExpiredSession(error.cause))) throw error;
      if (this.opened === session) await this.renewSession();
      return this.callOnce(toolName, args, opts);
    }
  }

  private async callOnce(toolName: string, args: Record<string, unknown>, opts: CallToolOptions): Promise<CallToolResult> {
    const client = this.client();
    if (!client) throw notReady(this.name, toolName, this.st);
    this.holdTimers(client);
    try {
      const result = await client.callTool({ name: toolName, arguments: args }, undefined, {
        timeout: opts.timeoutMs,
        resetTimeoutOnProgress: true,
        onprogress: (p) => opts.onProgress?.({ progress: p.progress, total: p.total, message: p.message }),
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.maxTotalTimeoutMs !== undefined ? { maxTotalTimeout: opts.maxTotalTimeoutMs } : {}),
      });
      return result as CallToolResult;
    } catch (error) {
      throw callFailed(this.name, toolName, error, opts, this.st);
    }
  }

  /** Once per client: its calls' clocks stop while this server waits on the person. */
  private holdTimers(client: Client): void {
    if (this.heldClient === client) return;
    this.heldClient = client;
    this.stopHolding?.();
    this.stopHolding = holdTimersWhilePaused(client, () => this.hooks?.waitingOnPerson(this.name) ?? false, this.opts.clock);
  }

  /** Streamable HTTP: a 404 to a request with a session id means the server forgot the session. */
  private isExpiredSession(error: unknown): boolean {
    return this.opened?.kind === 'http' && httpStatusOf(error) === 404;
  }

  /** A remote server that stopped answering at the network level: treat it like a crash (error, then retry). */
  private isUnreachable(error: unknown): boolean {
    const code = networkCode(error);
    return this.opened !== undefined && this.opened.kind !== 'stdio' && (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET');
  }

  /** Starts a new session, as the spec requires after a 404; concurrent callers share one. */
  private renewSession(): Promise<void> {
    if (!this.renewing) {
      this.log('info', 'host', 'the server no longer knows our session (HTTP 404); starting a new one');
      this.renewing = this.restart().finally(() => {
        this.renewing = undefined;
      });
    }
    return this.renewing;
  }

  private launch(): Promise<void> {
    this.cancelRetry();
    const gen = ++this.gen;
    this.running = this.connect(gen);
    return this.running;
  }

  private async connect(gen: number): Promise<void> {
    const since = this.opts.clock.now();
    this.attempt = this.backoff.attempt + 1;
    this.setState({ kind: 'starting', since, attempt: this.attempt });
    await this.cleaning;
    if (gen !== this.gen) return;
    this.output.reset();
    this.toolsChangedWhileStarting = false;
    try {
      const opened = await openClient(this.def, {
        hostEnv: this.opts.env,
        platform: this.opts.platform,
        initTimeoutMs: this.opts.initTimeoutMs,
        maxMessageBytes: this.opts.maxMessageBytes,
        clientVersion: this.opts.clientVersion,
        ...(this.hooks ? { capabilities: this.hooks.capabilities } : {}),
        onCreated: (o) => this.adopt(gen, o),
        onJunk: (line, reason) => gen === this.gen && this.output.onJunk(line, reason),
        onStderr: (text) => gen === this.gen && this.output.onStderr(text),
        note: (text) => gen === this.gen && this.log('info', 'host', text),
      });
      if (gen !== this.gen) return;
      // A server may offer only prompts or resources: it has no tools to list.
      const tools = opened.client.getServerCapabilities()?.tools ? await this.listAllTools(opened.client) : [];
      if (gen !== this.gen) return;
      this.toolList = tools;
      this.toolsVersion++;
      const info = opened.client.getServerVersion();
      const ready = this.opts.clock.now();
      this.backoff.markReady(ready);
      this.log('info', 'host', `ready in ${ready - since} ms, ${tools.length} tools`);
      const instructions = opened.client.getInstructions();
      this.setState({
        kind: 'ready',
        since: ready,
        transport: opened.kind,
        serverName: info?.name ?? this.name,
        serverVersion: info?.version ?? '',
        ...(instructions ? { instructions } : {}),
      });
      this.hooks?.ready(opened.client, this.name);
      if (this.toolsChangedWhileStarting) void this.refreshTools(gen, opened.client);
    } catch (error) {
      this.fail(gen, error, 'starting');
    }
  }

  private adopt(gen: number, opened: OpenedClient): void {
    if (gen !== this.gen) {
      void stopOpened(opened, this.opts);
      return;
    }
    this.opened = opened;
    const { client } = opened;
    this.hooks?.install(client, this.name);
    client.onerror = (error) => gen === this.gen && this.output.onProtocolError(error);
    client.onclose = () => {
      if (gen === this.gen && this.st.kind === 'ready') this.fail(gen, new McpError(ErrorCode.ConnectionClosed, 'Connection closed'), 'ready');
    };
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      if (gen === this.gen) this.output.onServerMessage(n.params);
    });
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      if (gen !== this.gen) return;
      if (this.st.kind === 'ready') void this.refreshTools(gen, client);
      else this.toolsChangedWhileStarting = true;
    });
  }

  /** Re-reads the tool list; only the newest refresh wins when several overlap. */
  private async refreshTools(gen: number, client: Client): Promise<void> {
    const version = ++this.toolsVersion;
    try {
      const tools = await this.listAllTools(client);
      if (gen !== this.gen || version !== this.toolsVersion || this.st.kind !== 'ready') return;
      this.toolList = tools;
      this.log('info', 'host', `tool list changed: ${tools.length} tools`);
      this.emitChange();
    } catch (error) {
      if (gen === this.gen) this.log('warning', 'host', `could not refresh the tool list: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private listAllTools(client: Client): Promise<Tool[]> {
    return listAllTools(client, this.opts.initTimeoutMs, (text) => this.log('warning', 'host', text));
  }

  /** Records the failure at once (calls in flight then see it), cleans up in the background, maybe schedules a retry. */
  private fail(gen: number, error: unknown, phase: 'starting' | 'ready'): void {
    if (gen !== this.gen || this.failedGen === gen) return;
    this.failedGen = gen;
    const opened = this.opened;
    this.opened = undefined;
    const transport = opened?.transport;
    const exit = transport instanceof ObservedStdioTransport ? transport.exit : undefined;
    const t = this.def.transport;
    const failure: Failure = describeFailure(error, {
      name: this.name,
      phase,
      initTimeoutMs: this.opts.initTimeoutMs,
      ...(t.kind !== 'stdio' ? { url: t.url } : {}),
      ...(exit ? { exit } : {}),
      ...(this.output.firstStdoutLine !== undefined ? { firstStdoutLine: this.output.firstStdoutLine } : {}),
      ...(this.output.lastError !== undefined ? { lastError: this.output.lastError } : {}),
      ...lastLine(this.output.tail()),
    });
    const now = this.opts.clock.now();
    const delay = this.opts.autoRestart && !failure.final ? this.backoff.next(now) : undefined;
    if (this.opts.autoRestart && !failure.final && delay === undefined) {
      failure.message += ` Switchboard stopped retrying after ${this.attempt} attempts; restart it when it is fixed.`;
    }
    this.toolList = [];
    this.log('error', 'host', failure.message);
    this.opts.logger?.warn('server failed', { server: this.name, message: failure.message });
    this.setState({
      kind: 'error',
      message: failure.message,
      stderrTail: [...(failure.detail ?? []), ...this.output.tail()],
      attempt: this.attempt,
      since: now,
      ...(exit ? { exitCode: exit.code, signal: exit.signal } : {}),
      ...(failure.httpStatus !== undefined ? { httpStatus: failure.httpStatus } : {}),
      ...(failure.needsAuth ? { needsAuth: true } : {}),
      ...(delay !== undefined ? { retryAt: now + delay } : {}),
    });
    if (opened) this.cleaning = stopOpened(opened, this.opts).catch(() => {});
    if (delay !== undefined) {
      this.log('info', 'host', `restarting in ${seconds(delay)} (attempt ${this.backoff.attempt})`);
      this.retry = this.opts.clock.setTimeout(() => {
        this.retry = undefined;
        if (gen === this.gen) void this.launch();
      }, delay);
    }
  }

  private log(level: LogLevel, source: LogLine['source'], text: string): void {
    this.logBook.write(level, source, text);
  }

  private setState(state: ConnectionState): void {
    this.st = state;
    this.emitChange();
  }

  private emitChange(): void {
    for (const fn of this.changeListeners) {
      try {
        fn();
      } catch (error) {
        this.opts.logger?.error('server change listener failed', { server: this.name, error: String(error) });
      }
    }
  }

  private cancelRetry(): void {
    this.retry?.cancel();
    this.retry = undefined;
  }
}
