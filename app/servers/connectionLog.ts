// A server's log: a bounded list of LogLines with listeners.
import type { LogLevel, LogLine } from '../api/views.ts';

export class ConnectionLog {
  private lines: LogLine[] = [];
  private readonly listeners = new Set<(line: LogLine) => void>();

  constructor(
    private readonly max: number,
    private readonly now: () => number,
  ) {}

  write(level: LogLevel, source: LogLine['source'], text: string): void {
    const line: LogLine = { at: this.now(), level, source, text };
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
