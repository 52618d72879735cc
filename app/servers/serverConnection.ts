// One MCP server: its SDK Client, its lifecycle as a ConnectionState, its tools, its log, restarts with backoff.
import type { CallToolResult, Client, Tool } from '@modelcontextprotocol/client';
import type { ConnectionState, LogLevel, LogLine } from '../api/views.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import type { ClientHooks } from './clientHooks.ts';
import { Backoff, defaultBackoff } from '../base/backoff.ts';
import { callFailed, notReady, ToolCallError, unreachable } from './callErrors.ts';
import { ConnectionLog } from './connectionLog.ts';
import { retryPlan } from './retryPlan.ts';
import { resolveOptions, type CallToolOptions, type ResolvedOptions, type ServerConnectionOptions } from './connectionOptions.ts';
import { describeFailure, errorState, httpStatusOf, isUnreachable, seconds, type Failure } from './describeFailure.ts';
import { EraVerdict } from './eraVerdict.ts';
import { ObservedStdioTransport } from './observedStdioTransport.ts';
import { ConnectionAttempt, type AttemptSink } from './connectionAttempt.ts';
import { listAllTools, listedTools } from './listTools.ts';
import { readyStateOf } from './openClient.ts';
import { ServerOutput } from './serverOutput.ts';
import { defaultLiveness, watchLiveness, type LivenessPolicy, type LivenessWatch } from './remoteLiveness.ts';
import { signInState, type RemoteAuth } from './remoteAuth.ts';

export type { CallToolOptions, ServerConnectionOptions } from './connectionOptions.ts';

export class ServerConnection {
  private def: ServerDefinition;
  private readonly opts: ResolvedOptions;
  private readonly livenessPolicy: LivenessPolicy;
  private liveness: LivenessWatch | undefined;
  /** When a ready remote server was lost; set until it is ready again or stopped. */
  private lostAt: number | undefined;
  private readonly auth: RemoteAuth | undefined;
  private oauthInUse = false;
  private readonly era = new EraVerdict();
  private restartsUnderWay = 0;
  private readonly hooks: ClientHooks | undefined;
  private readonly backoff: Backoff;
  private st: ConnectionState = { kind: 'stopped' };
  /** The attempt in charge: set from launch until it fails or is stopped. */
  private current: ConnectionAttempt | undefined;
  private listed = listedTools([]);
  private retry: { cancel(): void } | undefined;
  private running: Promise<void> | undefined;
  private attempt = 0;
  /** The teardown of the last failed attempt; the next start and stop wait for it. */
  private cleaning: Promise<void> = Promise.resolve();
  private readonly changeListeners = new Set<() => void>();
  private readonly logBook: ConnectionLog;
  private readonly output: ServerOutput;

  constructor(def: ServerDefinition, options: ServerConnectionOptions) {
    this.def = def;
    this.opts = resolveOptions(options);
    this.hooks = options.clientHooks;
    this.auth = options.auth;
    this.livenessPolicy = { ...defaultLiveness, ...options.liveness };
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
    return this.listed.all;
  }
  /** The stdio child's pid while it runs. */
  pid(): number | undefined {
    const t = this.current?.opened?.transport;
    return t instanceof ObservedStdioTransport ? t.child?.pid : undefined;
  }
  /** The SDK client while ready, for features layered on later (resources, prompts). */
  client(): Client | undefined {
    return this.st.kind === 'ready' ? this.current?.opened?.client : undefined;
  }
  logs(): LogLine[] {
    return this.logBook.all();
  }
  /** A line in this server's log about what the host or the person did (approved a call, stopped it, …). */
  note(text: string): void {
    this.log('info', 'host', text);
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
    this.cancelRetry();
    this.stopWatching();
    this.lostAt = undefined;
    this.backoff.reset();
    const attempt = this.current;
    this.current = undefined;
    this.running = undefined;
    this.listed = listedTools([]);
    this.setState(reason ? { kind: 'stopped', reason } : { kind: 'stopped' });
    await attempt?.dispose();
    await this.cleaning;
  }

  /** Stops and starts again, at any time; resets the backoff. */
  async restart(): Promise<void> {
    this.restartsUnderWay++;
    try {
      await this.stop();
    } finally {
      this.restartsUnderWay--;
    }
    await this.launch();
  }

  /** True between a restart's stop and its new start (a call waiting on sign-in keeps waiting through it: toolCall.ts). */
  get restarting(): boolean {
    return this.restartsUnderWay > 0;
  }

  /**
   * Sends one tools/call on the current session, with the clocks its caller decided (routing/toolCall.ts
   * owns the call's life). Rejects with a ToolCallError whose message is for a person; one that met a
   * sign-in has reason `needs-sign-in`, and the connection then waits for the person to sign in.
   */
  callTool(toolName: string, args: Record<string, unknown>, opts: CallToolOptions): Promise<CallToolResult> {
    // Only remote sessions can expire or drop: a stdio call needs no retry around it.
    const attempt = this.current;
    const sent = attempt?.opened?.kind === 'stdio' ? this.callOnce(toolName, args, opts) : this.callRemote(attempt, toolName, args, opts);
    return this.opts.onCallSettled ? sent.finally(this.opts.onCallSettled) : sent;
  }

  private async callRemote(
    attempt: ConnectionAttempt | undefined,
    toolName: string,
    args: Record<string, unknown>,
    opts: CallToolOptions,
  ): Promise<CallToolResult> {
    try {
      return await this.callOnce(toolName, args, opts);
    } catch (error) {
      if (!(error instanceof ToolCallError) || !attempt) throw error;
      const kind = attempt.opened?.kind;
      if (this.needsSignIn(error.cause)) {
        // Only the person can fix this: the state says so, and the call decides whether to wait (toolCall.ts).
        this.fail(attempt, error.cause, 'ready');
        throw new ToolCallError('needs-sign-in', error.message, { cause: error.cause });
      }
      if (kind !== undefined && kind !== 'stdio' && isUnreachable(error.cause)) {
        this.fail(attempt, error.cause, 'ready');
        throw unreachable(this.name, toolName, error.cause, this.st);
      }
      // Streamable HTTP: a 404 to a request with a session id means the server forgot the session. A call
      // that the renewal itself cut off (it closes the old session) is retried on the new one as well.
      if (!(kind === 'http' && (httpStatusOf(error.cause) === 404 || attempt.renewing))) {
        // Anything else odd (a bare "fetch failed") is worth a liveness check now rather than at the next tick.
        if (error.reason === 'failed') this.liveness?.noticeError();
        throw error;
      }
      // Callers that found the same session gone share one renewal and retry on the new session.
      if (this.current === attempt || attempt.renewing) await attempt.renewOnce(() => this.renewSession());
      return this.callOnce(toolName, args, opts);
    }
  }

  private async callOnce(toolName: string, args: Record<string, unknown>, opts: CallToolOptions): Promise<CallToolResult> {
    const client = this.client();
    if (!client) throw notReady(this.name, toolName, this.st);
    const attempt = this.current;
    if (!attempt) throw notReady(this.name, toolName, this.st);
    try {
      return await attempt.sendToolCall(client, toolName, this.listed.byName.get(toolName), args, opts, this.waitingOnPerson, this.opts.clock);
    } catch (error) {
      throw callFailed(this.name, toolName, error, opts, this.st);
    }
  }

  /** The transport could not get a token without the person (expired sign-in, step-up to more scopes). */
  private needsSignIn(error: unknown): boolean {
    return signInState(error, this.name, this.auth, 'ready', 0) !== undefined;
  }

  /** Starts a new session, as the spec requires after a 404. */
  private renewSession(): Promise<void> {
    this.log('info', 'host', 'the server no longer knows our session (HTTP 404); starting a new one');
    return this.restart();
  }

  private launch(): Promise<void> {
    this.cancelRetry();
    if (this.current) this.cleaning = this.current.dispose();
    const attempt = new ConnectionAttempt(this.name, this.sink, this.opts, this.hooks);
    this.current = attempt;
    this.running = this.connect(attempt);
    return this.running;
  }

  /** True while this server waits on the person (sampling, elicitation): its calls' clocks stand still. */
  private readonly waitingOnPerson = (): boolean => this.hooks?.waitingOnPerson(this.name) ?? false;

  /** Where every attempt's output goes; an attempt goes silent once disposed. */
  private readonly sink: AttemptSink = {
    junk: (line, reason) => this.output.onJunk(line, reason),
    stderr: (text) => this.output.onStderr(text),
    note: (text) => this.log('info', 'host', text),
    protocolError: (error) => {
      this.output.onProtocolError(error);
      this.liveness?.noticeError();
    },
    serverMessage: (params) => this.output.onServerMessage(params),
    closed: (attempt, error) => {
      if (this.st.kind === 'ready') this.fail(attempt, error, 'ready');
    },
    toolsChanged: (attempt) => {
      if (this.st.kind === 'ready') void this.refreshTools(attempt);
      else attempt.toolsChangedEarly = true;
    },
  };

  private async connect(attempt: ConnectionAttempt): Promise<void> {
    const since = this.opts.clock.now();
    this.attempt = this.backoff.attempt + 1;
    const st = this.st;
    this.setState(
      st.kind === 'reconnecting'
        ? { kind: 'reconnecting', reason: st.reason, since: st.since, attempt: this.attempt }
        : { kind: 'starting', since, attempt: this.attempt },
    );
    await this.cleaning;
    if (!attempt.live) return;
    this.output.reset();
    try {
      const authProvider = this.def.transport.kind !== 'stdio' ? await this.auth?.providerFor(this.def) : undefined;
      if (!attempt.live) return;
      this.oauthInUse = authProvider !== undefined;
      const opened = await attempt.open(this.def, this.opts.openClient, {
        ...(authProvider ? { authProvider } : {}),
        ...this.era.take(this.def),
        ...(this.opts.sandbox ? { sandbox: this.opts.sandbox } : {}),
        hostEnv: this.opts.env,
        platform: this.opts.platform,
        initTimeoutMs: this.opts.initTimeoutMs,
        maxMessageBytes: this.opts.maxMessageBytes,
        clientVersion: this.opts.clientVersion,
      });
      if (!attempt.live) return;
      // A server may offer only prompts or resources: it has no tools to list.
      const tools = opened.client.getServerCapabilities()?.tools ? await this.listAllTools(opened.client) : [];
      if (!attempt.live) return;
      this.listed = listedTools(tools);
      attempt.toolsVersion++;
      const ready = this.opts.clock.now();
      this.backoff.markReady(ready);
      this.log(
        'info',
        'host',
        this.lostAt !== undefined
          ? `reconnected after ${seconds(ready - this.lostAt)}, ${tools.length} tools`
          : `ready in ${ready - since} ms, ${tools.length} tools`,
      );
      this.lostAt = undefined;
      this.era.learn(this.def, opened.client);
      this.setState(readyStateOf(opened, this.name, ready));
      this.hooks?.ready(opened.client, this.name);
      if (opened.kind !== 'stdio') this.watchRemote(attempt, opened.client);
      if (attempt.toolsChangedEarly) void this.refreshTools(attempt);
    } catch (error) {
      this.fail(attempt, error, 'starting');
    }
  }

  /** Re-reads the tool list; only the newest refresh wins when several overlap. */
  private async refreshTools(attempt: ConnectionAttempt): Promise<void> {
    const client = attempt.opened?.client;
    if (!client) return;
    const version = ++attempt.toolsVersion;
    try {
      const tools = await this.listAllTools(client);
      if (!attempt.live || version !== attempt.toolsVersion || this.st.kind !== 'ready') return;
      this.listed = listedTools(tools);
      this.log('info', 'host', `tool list changed: ${tools.length} tools`);
      this.emitChange();
    } catch (error) {
      if (attempt.live) this.log('warning', 'host', `could not refresh the tool list: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A ready remote server that goes away is noticed within seconds, not at the next call. */
  private watchRemote(attempt: ConnectionAttempt, client: Client): void {
    this.stopWatching();
    this.liveness = watchLiveness(client, this.name, this.livenessPolicy, this.opts.clock, (error) => {
      if (attempt === this.current && this.st.kind === 'ready') this.fail(attempt, error, 'ready');
    });
  }

  private stopWatching(): void {
    this.liveness?.stop();
    this.liveness = undefined;
  }

  private listAllTools(client: Client): Promise<Tool[]> {
    return listAllTools(client, this.opts.initTimeoutMs, (text) => this.log('warning', 'host', text));
  }

  /** Records the failure at once (calls in flight then see it), cleans up in the background, maybe schedules a retry. */
  private fail(attempt: ConnectionAttempt, error: unknown, phase: 'starting' | 'ready'): void {
    if (attempt !== this.current) return;
    this.current = undefined;
    this.stopWatching();
    const transport = attempt.opened?.transport;
    const exit = transport instanceof ObservedStdioTransport ? transport.exit : undefined;
    const now = this.opts.clock.now();
    const signIn = signInState(error, this.name, this.auth, phase, now);
    if (signIn) {
      // Only the person can fix this: no automatic retry; SignIns restarts the server once tokens arrive.
      this.listed = listedTools([]);
      this.log('warning', 'host', signIn.message);
      this.setState(signIn);
      this.cleaning = attempt.dispose();
      return;
    }
    const t = this.def.transport;
    const failure: Failure = describeFailure(error, {
      name: this.name,
      phase,
      initTimeoutMs: this.opts.initTimeoutMs,
      ...(t.kind !== 'stdio' ? { url: t.url } : {}),
      ...(this.oauthInUse ? { oauth: true } : {}),
      ...(t.protocol ? { protocol: t.protocol } : {}),
      ...(exit ? { exit } : {}),
      ...this.output.heard(),
    });
    if (t.kind !== 'stdio' && phase === 'ready' && this.lostAt === undefined) this.lostAt = now;
    const { lost, delay } = retryPlan(failure, this.lostAt, this.opts.autoRestart, this.backoff, now, this.attempt);
    this.listed = listedTools([]);
    this.log('error', 'host', failure.message);
    this.opts.logger?.warn('server failed', { server: this.name, message: failure.message });
    this.cleaning = attempt.dispose();
    if (lost && delay !== undefined) {
      this.setState({ kind: 'reconnecting', reason: failure.message, since: this.lostAt ?? now, attempt: this.attempt, retryAt: now + delay });
      this.scheduleRetry(delay);
      return;
    }
    this.lostAt = undefined;
    this.setState(errorState(failure, this.output.tail(), { attempt: this.attempt, since: now, exit, retryAt: delay !== undefined ? now + delay : undefined }));
    if (delay !== undefined) this.scheduleRetry(delay);
  }

  private scheduleRetry(delay: number): void {
    this.log('info', 'host', `${this.lostAt !== undefined ? 'reconnecting' : 'restarting'} in ${seconds(delay)} (attempt ${this.backoff.attempt})`);
    // Cancelled by stop and by any launch, so it never starts a second attempt.
    this.retry = this.opts.clock.setTimeout(() => {
      this.retry = undefined;
      void this.launch();
    }, delay);
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
