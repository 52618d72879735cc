// What one attempt of a server said: stderr lines, junk on stdout, protocol errors, its own log messages.
// Everything goes to the server's log; the failure message draws on the stderr tail and the first stdout line.
import type { LoggingMessageNotification } from '@modelcontextprotocol/client';
import type { LogLevel } from '../api/views.ts';
import type { ConnectionLog } from './connectionLog.ts';
import { StderrBuffer } from './stderrBuffer.ts';

const serverLevels: Record<string, LogLevel> = { debug: 'debug', info: 'info', notice: 'notice', warning: 'warning' };

export class ServerOutput {
  private readonly stderr = new StderrBuffer();
  /** The first line on stdout that was not MCP: quoted when the handshake never completes. */
  firstStdoutLine: string | undefined;
  /** The last transport or protocol error, e.g. an oversized message. */
  lastError: string | undefined;

  constructor(private readonly log: ConnectionLog) {}

  /** What the failure message quotes: the first stray stdout line, the last error, the last stderr line. */
  heard(): { firstStdoutLine?: string; lastError?: string; lastStderr?: string } {
    const last = [...this.tail()].reverse().find((l) => l.trim() !== '');
    return {
      ...(this.firstStdoutLine !== undefined ? { firstStdoutLine: this.firstStdoutLine } : {}),
      ...(this.lastError !== undefined ? { lastError: this.lastError } : {}),
      ...(last ? { lastStderr: last.trim() } : {}),
    };
  }

  reset(): void {
    this.stderr.clear();
    this.firstStdoutLine = undefined;
    this.lastError = undefined;
  }

  onStderr(text: string): void {
    for (const line of this.stderr.write(text)) this.log.write('info', 'stderr', line);
  }

  onJunk(line: string, reason: string): void {
    this.firstStdoutLine ??= line;
    this.log.write('warning', 'stdout', `ignored a line on stdout (${reason}): ${line.slice(0, 500)}`);
  }

  onProtocolError(error: Error): void {
    const text = error.message.slice(0, 500);
    if (/progress notification for an unknown token/i.test(text)) {
      this.log.write('debug', 'protocol', `ignored progress for a request that had already ended: ${text}`);
    } else if (/unknown message ID/i.test(text)) {
      this.log.write('warning', 'protocol', `ignored a late reply to a request that had already ended: ${text}`);
    } else {
      this.lastError = text;
      this.log.write('warning', 'protocol', text);
    }
  }

  onServerMessage({ level, logger, data }: LoggingMessageNotification['params']): void {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    this.log.write(serverLevels[level] ?? 'error', 'server', logger ? `[${logger}] ${text}` : text);
  }

  /** Finishes a trailing stderr line and returns the last lines. */
  tail(count = 20): string[] {
    for (const line of this.stderr.flush()) this.log.write('info', 'stderr', line);
    return this.stderr.tail(count);
  }
}
