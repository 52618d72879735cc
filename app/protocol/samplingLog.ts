// Every sampling request and what became of it, newest last, bounded.
import type { SamplingLogEntry } from '../api/views.ts';

export const SAMPLING_LOG_SIZE = 200;

export class SamplingLog {
  private entries: SamplingLogEntry[] = [];

  constructor(private readonly max = SAMPLING_LOG_SIZE) {}

  add(entry: SamplingLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }

  list(): SamplingLogEntry[] {
    return [...this.entries];
  }
}
