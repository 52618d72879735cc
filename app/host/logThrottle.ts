// Keeps a server that floods its log from flooding the UI: at most `maxLines` live lines per window
// per server; the rest are counted and summed up in one line. The server's own bounded log keeps the newest.
import type { LogLine } from '../api/views.ts';
import type { Clock } from '../base/clock.ts';

export const LIVE_LINES_PER_WINDOW = 100;
export const WINDOW_MS = 250;

interface Window {
  sent: number;
  skipped: number;
  timer: { cancel(): void };
}

export class LogThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly clock: Clock,
    private readonly emit: (name: string, line: LogLine) => void,
    private readonly maxLines = LIVE_LINES_PER_WINDOW,
    private readonly windowMs = WINDOW_MS,
  ) {}

  push(name: string, line: LogLine): void {
    let w = this.windows.get(name);
    if (!w) {
      const fresh: Window = { sent: 0, skipped: 0, timer: this.clock.setTimeout(() => this.close(name, fresh), this.windowMs) };
      this.windows.set(name, (w = fresh));
    }
    if (w.sent < this.maxLines) {
      w.sent++;
      this.emit(name, line);
    } else {
      w.skipped++;
    }
  }

  dispose(): void {
    for (const w of this.windows.values()) w.timer.cancel();
    this.windows.clear();
  }

  private close(name: string, w: Window): void {
    this.windows.delete(name);
    if (w.skipped === 0) return;
    this.emit(name, {
      at: this.clock.now(),
      level: 'warning',
      source: 'host',
      text: `${w.skipped.toLocaleString('en-US')} more lines arrived faster than they can be shown live; the log keeps the newest.`,
    });
  }
}
