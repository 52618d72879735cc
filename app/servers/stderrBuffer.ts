// A bounded ring of text lines, capped by count and bytes; long lines are cut. Splits a byte stream into lines.

export interface LineBufferLimits {
  maxLines: number;
  maxBytes: number;
  maxLineChars: number;
}

export const defaultLineLimits: LineBufferLimits = { maxLines: 200, maxBytes: 64 * 1024, maxLineChars: 2_000 };

export class StderrBuffer {
  private lines: string[] = [];
  private bytes = 0;
  private partial = '';
  private readonly limits: LineBufferLimits;

  constructor(limits: Partial<LineBufferLimits> = {}) {
    this.limits = { ...defaultLineLimits, ...limits };
  }

  /** Feeds a chunk of text; returns the complete lines it finished (already cut to the line limit). */
  write(chunk: string): string[] {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    if (this.partial.length > this.limits.maxLineChars) {
      parts.push(this.partial);
      this.partial = '';
    }
    const done = parts.map((line) => this.cut(line));
    for (const line of done) this.push(line);
    return done;
  }

  /** Flushes a trailing line without a newline (e.g. when the process exits). */
  flush(): string[] {
    if (!this.partial) return [];
    const line = this.cut(this.partial);
    this.partial = '';
    this.push(line);
    return [line];
  }

  tail(count = this.limits.maxLines): string[] {
    return this.lines.slice(-count);
  }

  clear(): void {
    this.lines = [];
    this.bytes = 0;
    this.partial = '';
  }

  private cut(line: string): string {
    const max = this.limits.maxLineChars;
    return line.length > max ? `${line.slice(0, max)}… [${line.length - max} more characters cut]` : line;
  }

  private push(line: string): void {
    this.lines.push(line);
    this.bytes += line.length;
    while (this.lines.length > this.limits.maxLines || (this.bytes > this.limits.maxBytes && this.lines.length > 1)) {
      this.bytes -= this.lines.shift()!.length;
    }
  }
}
