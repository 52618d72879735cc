// The SDK's StdioClientTransport, observed: exposes the child process (exit code, signal, tree kill) and
// swaps in a ReadBuffer that tolerates junk on stdout. The only file that touches the SDK's private fields.
import type { ChildProcess } from 'node:child_process';
import { StdioClientTransport, type StdioServerParameters } from '@modelcontextprotocol/client/stdio';
import { type JSONRPCMessage, serializeMessage } from '@modelcontextprotocol/client';
import { LineReadBuffer } from './lineReadBuffer.ts';

interface StdioInternals {
  _process?: ChildProcess;
  _readBuffer?: unknown;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ObservedStdioTransport extends StdioClientTransport {
  child: ChildProcess | undefined;
  exit: ExitInfo | undefined;
  private readonly exitWaiters: (() => void)[] = [];
  /** Sends written while stdin was full, resolved together at its next 'drain'. */
  private drainWaiters: (() => void)[] = [];
  private stopRequested = false;
  private starting: Promise<void> | undefined;

  constructor(params: StdioServerParameters & { maxBufferSize: number }, onJunk: (line: string, reason: string) => void) {
    super(params);
    const internals = this as unknown as StdioInternals;
    if (!('_readBuffer' in internals)) throw new Error('The MCP SDK stdio transport changed: _readBuffer is gone.');
    internals._readBuffer = new LineReadBuffer(params.maxBufferSize, onJunk);
  }

  override start(): Promise<void> {
    if (this.stopRequested) return Promise.reject(new Error('The server was stopped before it started.'));
    this.starting = this.observe();
    return this.starting;
  }

  /** Prevents a later start and waits for one in progress, so a stop never misses a process being spawned. */
  async settle(): Promise<void> {
    this.stopRequested = true;
    await this.starting?.catch(() => {});
  }

  private async observe(): Promise<void> {
    await super.start();
    const child = (this as unknown as StdioInternals)._process;
    if (!child) return;
    this.child = child;
    // Many calls in flight each wait for 'drain' under backpressure: that is expected, not a leak.
    child.stdin?.setMaxListeners(0);
    // A closed stdin never drains: release the waiting sends instead of leaving them pending forever.
    child.stdin?.once('close', this.drained);
    child.once('exit', (code, signal) => {
      this.exit = { code, signal };
      for (const w of this.exitWaiters.splice(0)) w();
    });
  }

  /**
   * As the SDK's send, but under backpressure all waiting sends share one 'drain' listener: with
   * thousands of calls in flight, one listener per send costs quadratic time to add and remove.
   */
  override send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin) return super.send(message);
    if (stdin.write(serializeMessage(message))) return Promise.resolve();
    return new Promise((resolve) => {
      this.drainWaiters.push(resolve);
      if (this.drainWaiters.length === 1) stdin.once('drain', this.drained);
    });
  }

  private readonly drained = (): void => {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  };

  /** Runs `fn` when the child exits (a child that never started never calls it). */
  onExit(fn: () => void): void {
    this.exitWaiters.push(fn);
  }

  /** Resolves when the child has exited (immediately if it already has or never started). */
  exited(): Promise<void> {
    if (!this.child || this.exit || this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  endStdin(): void {
    try {
      this.child?.stdin?.end();
    } catch {
      // Already closed.
    }
  }
}
