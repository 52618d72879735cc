// One attempt to connect to a server: everything it owns (the SDK client and transport, the handlers on
// it, its running calls and their clocks, the HTTP session renewal) lives here and goes away together in dispose().
// After dispose nothing it owns reaches the connection again, so the connection needs no generation checks.
//
// Seams: the opener (OpenClient, which receives the HTTP authProvider),
// the sink (protocol errors feed the liveness watch). The wire tap of its client lives here too.
import { type CallToolResult, type Client, type LoggingMessageNotification, SdkError, SdkErrorCode, type Tool } from '@modelcontextprotocol/client';
import { requestSignal } from '../base/callStop.ts';
import type { Clock } from '../base/clock.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import type { ClientHooks } from './clientHooks.ts';
import type { OpenClient, OpenedClient, OpenHooks } from './openClient.ts';
import type { CallToolOptions } from './connectionOptions.ts';
import { RunningCalls } from './runningCalls.ts';
import { SendPacer } from './sendPacer.ts';
import { SDK_TIMEOUT_MS } from '../base/timeouts.ts';
import { stopOpened } from './stopOpened.ts';
import { tapWire, type WireCapture, type WireTap } from './wireTap.ts';

/** What an attempt reports to its connection; nothing arrives after the attempt is disposed. */
export interface AttemptSink {
  junk(line: string, reason: string): void;
  stderr(text: string): void;
  note(text: string): void;
  protocolError(error: Error): void;
  serverMessage(params: LoggingMessageNotification['params']): void;
  /** The transport closed under this attempt's client. */
  closed(attempt: ConnectionAttempt, error: SdkError): void;
  toolsChanged(attempt: ConnectionAttempt): void;
}

export type AttemptOpenOptions = Omit<OpenHooks, 'onCreated' | 'onJunk' | 'onStderr' | 'note' | 'onToolsChanged' | 'capabilities'>;

export class ConnectionAttempt {
  /** The client of this attempt once created (before its handshake finishes). */
  opened: OpenedClient | undefined;
  /** A list_changed arrived before the first tools/list finished. */
  toolsChangedEarly = false;
  /** Bumped per tools/list refresh: only the newest one's answer is kept. */
  toolsVersion = 0;
  private disposed = false;
  private disposal: Promise<void> | undefined;
  private renewal: Promise<void> | undefined;
  private running: { client: Client; calls: RunningCalls } | undefined;
  private tap: { opened: OpenedClient; tap: WireTap } | undefined;
  /** Requests leave in slices, one per turn of the event loop (sendPacer.ts). */
  private readonly pacer = new SendPacer();

  constructor(
    private readonly server: string,
    private readonly sink: AttemptSink,
    private readonly stopOptions: { platform: NodeJS.Platform; stopGraceMs: number },
    private readonly hooks: ClientHooks | undefined,
  ) {}

  get live(): boolean {
    return !this.disposed;
  }

  /** Opens the client through `opener`; every callback it wires is silent once the attempt is disposed. */
  async open(def: ServerDefinition, opener: OpenClient, options: AttemptOpenOptions): Promise<OpenedClient> {
    const live =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A): void => {
        if (!this.disposed) fn(...args);
      };
    const opened = await opener(def, {
      ...options,
      ...(this.hooks ? { capabilities: this.hooks.capabilities } : {}),
      onCreated: (opened) => this.adopt(opened),
      onJunk: live((line, reason) => this.sink.junk(line, reason)),
      onStderr: live((text) => this.sink.stderr(text)),
      note: live((text) => this.sink.note(text)),
      onToolsChanged: live(() => this.sink.toolsChanged(this)),
    });
    // Disposed mid-handshake: the client it created after that was never adopted; close it now.
    if (this.disposed && opened !== this.opened) await stopOpened(opened, this.stopOptions).catch(() => undefined);
    return opened;
  }

  /** The tools/call requests running on `client`, made on first use; their clocks stop while `paused()`. */
  calls(client: Client, paused: () => boolean, clock: Clock): RunningCalls {
    if (this.running?.client !== client) {
      this.running?.calls.dispose();
      this.running = { client, calls: new RunningCalls(client, clock, paused) };
      if (this.disposed) this.running.calls.dispose();
    }
    return this.running.calls;
  }

  /**
   * The send stage: the one place a tools/call request leaves for the server (routing/toolCall.ts decides
   * everything around it). This is the hot path: the call's Stop, progress and clocks are the host's own
   * (see runningCalls.ts): the SDK gets a progress token in the params and the call as its signal, nothing
   * it must copy. Every call asks for progress: a server's progress keeps a slow call's timeout from firing.
   * `tool` is the definition the server listed (absent if it did not list the name): the SDK validates the
   * result against it rather than looking the tool up in its own cache on every call. A burst of calls
   * leaves in slices, one per turn of the event loop (sendPacer.ts); a call stopped while it waits never leaves.
   */
  async sendToolCall(
    client: Client,
    name: string,
    tool: Tool | undefined,
    args: Record<string, unknown>,
    opts: CallToolOptions,
    paused: () => boolean,
    clock: Clock,
  ): Promise<CallToolResult> {
    const calls = this.calls(client, paused, clock);
    const call = calls.begin(opts);
    let capture: WireCapture | undefined;
    try {
      if (opts.onWire) capture = this.wireTap(clock)?.capture(name, call.progressToken);
      const paced = this.pacer.turn();
      if (paced) await paced;
      const params = { name, arguments: args, _meta: { progressToken: call.progressToken } };
      const signal = requestSignal(call);
      const options = tool ? { timeout: SDK_TIMEOUT_MS, signal, toolDefinition: tool } : { timeout: SDK_TIMEOUT_MS, signal };
      return (await client.callTool(params, options)) as CallToolResult;
    } finally {
      calls.end(call);
      if (capture) opts.onWire?.(capture.stop());
    }
  }

  /** The wire tap of this attempt's client (for a call's raw JSON-RPC view), installed on first use. */
  wireTap(clock: Clock): WireTap | undefined {
    const opened = this.opened;
    if (this.disposed || !opened) return undefined;
    if (this.tap?.opened !== opened) this.tap = { opened, tap: tapWire(opened.transport, () => clock.now()) };
    return this.tap.tap;
  }

  /** A renewal of this attempt's session has started. */
  get renewing(): boolean {
    return this.renewal !== undefined;
  }

  /** Concurrent callers that found this attempt's HTTP session expired share one renewal. */
  renewOnce(renew: () => Promise<void>): Promise<void> {
    this.renewal ??= renew();
    return this.renewal;
  }

  /** Closes the client and stops its process (stdio: stdin, SIGTERM, SIGKILL of the tree). Idempotent. */
  dispose(): Promise<void> {
    if (!this.disposal) {
      this.disposed = true;
      this.running?.calls.dispose();
      const opened = this.opened;
      this.disposal = opened ? stopOpened(opened, this.stopOptions).catch(() => undefined) : Promise.resolve();
    }
    return this.disposal;
  }

  private adopt(opened: OpenedClient): void {
    if (this.disposed) {
      void stopOpened(opened, this.stopOptions).catch(() => undefined);
      return;
    }
    this.opened = opened;
    const { client } = opened;
    this.hooks?.install(client, this.server);
    client.onerror = (error) => {
      if (!this.disposed) this.sink.protocolError(error);
    };
    client.onclose = () => {
      if (!this.disposed) this.sink.closed(this, new SdkError(SdkErrorCode.ConnectionClosed, 'Connection closed'));
    };
    client.setNotificationHandler('notifications/message', (n) => {
      if (!this.disposed) this.sink.serverMessage(n.params);
    });
  }
}
