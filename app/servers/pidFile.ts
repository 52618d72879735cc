// Remembers every server process this host runs (children and their descendants), so that the next
// start can reap what a crash of the host left behind. A pid is only killed if its command line
// still matches what was recorded: a reused pid belongs to someone else.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Clock } from '../base/clock.ts';
import { JsonDocument } from '../base/jsonDocument.ts';
import type { Logger } from '../base/logger.ts';
import { isAlive, killTree, listDescendants } from './processTree.ts';

const pidFileSchema = z.object({
  hostPid: z.number().int(),
  processes: z.array(z.object({ server: z.string(), pid: z.number().int().positive(), args: z.string() })),
});
type PidFileContent = z.output<typeof pidFileSchema>;
type Recorded = PidFileContent['processes'][number];

async function commandLine(pid: number, platform: NodeJS.Platform): Promise<string | undefined> {
  if (platform === 'linux') {
    const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
    return raw?.split('\0').filter(Boolean).join(' ');
  }
  if (platform === 'win32') return undefined;
  return new Promise((resolve) => execFile('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }, (_e, out) => resolve(out?.trim() || undefined)));
}

/** How long after a change the file is rewritten, so a burst of changes costs one write. */
const RECORD_DELAY_MS = 300;

export class PidFile {
  /** Records run one after another: each gathers descendants, then writes. */
  private writing: Promise<void> = Promise.resolve();
  private pending: { cancel(): void } | undefined;
  private readonly doc: JsonDocument<typeof pidFileSchema>;

  constructor(
    file: string,
    private readonly logger: Logger,
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly hostPid: number = process.pid,
  ) {
    this.doc = new JsonDocument(file, pidFileSchema, logger);
  }

  /** Something changed: record `running()` shortly, once for a burst of changes. */
  changed(running: () => { server: string; pid: number }[], clock: Clock): void {
    this.pending?.cancel();
    this.pending = clock.setTimeout(() => void this.record(running()), RECORD_DELAY_MS);
  }

  /** Nothing runs any more (the host is stopping): forget every process. */
  async clear(): Promise<void> {
    this.pending?.cancel();
    await this.record([]);
  }

  /** Kills the recorded processes of a previous host that is gone. Returns how many were reaped. */
  async reapOrphans(): Promise<number> {
    const content = await this.doc.load();
    if (!content) return 0;
    if (content.hostPid !== this.hostPid && isAlive(content.hostPid)) {
      this.logger.warn(`Another Switchboard (pid ${content.hostPid}) is using this data folder; leaving its servers alone.`);
      return 0;
    }
    let reaped = 0;
    for (const p of content.processes) {
      if (!isAlive(p.pid) || (await commandLine(p.pid, this.platform)) !== p.args) continue;
      this.logger.warn(`Stopping ${p.server}'s process ${p.pid}, left running after Switchboard last quit unexpectedly.`);
      await killTree(p.pid, { platform: this.platform, graceMs: 1_000 });
      reaped++;
    }
    await this.write([]);
    return reaped;
  }

  /** Records the given server processes and all their descendants. */
  record(servers: { server: string; pid: number }[]): Promise<void> {
    const next = this.writing.then(async () => {
      const processes: Recorded[] = [];
      for (const { server, pid } of servers) {
        for (const p of [pid, ...(await listDescendants(pid, this.platform))]) {
          const args = await commandLine(p, this.platform);
          if (args) processes.push({ server, pid: p, args });
        }
      }
      await this.write(processes);
    });
    this.writing = next.catch((e: unknown) => this.logger.warn(`Could not record server pids: ${String(e)}`));
    return this.writing;
  }

  private write(processes: Recorded[]): Promise<void> {
    return this.doc.save({ hostPid: this.hostPid, processes });
  }
}
