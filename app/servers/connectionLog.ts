// A server's log: a bounded list of LogLines with listeners. Bounded in lines and in each line's length,
// so one enormous log message cannot hold megabytes in memory or flood the UI.
import type { LogLevel, LogLine } from '../api/views.ts';

export const MAX_LINE_CHARS = 2_000;

export class ConnectionLog {
  private lines: LogLine[] = [];
  private readonly listeners = new Set<(line: LogLine) => void>();

  constructor(
    private readonly max: number,
    private readonly now: () => number,
  ) {}

  write(level: LogLevel, source: LogLine['source'], text: string): void {
    const cut =
      text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}… [${(text.length - MAX_LINE_CHARS).toLocaleString('en-US')} more characters]` : text;
    const line: LogLine = { at: this.now(), level, source, text: cut };
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
    for (const fn of this.listeners) {
      try {
        fn(line);
      } catch {
        // A listener's failure must not break the server's lifecycle.
      }
    }
  }

  all(): LogLine[] {
    return [...this.lines];
  }

  onLine(fn: (line: LogLine) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
