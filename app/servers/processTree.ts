// Kills a whole process tree (npx → sh → node chains included): SIGTERM everything, wait, SIGKILL survivors.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(cmd, args, { encoding: 'utf8', windowsHide: true, maxBuffer: 16 * 1024 * 1024 }, (_error, stdout) => resolve(stdout ?? ''));
  });
}

/** Every descendant of `pid` (children, grandchildren, …), found with `ps`. Empty on Windows. */
export async function listDescendants(pid: number, platform: NodeJS.Platform): Promise<number[]> {
  if (platform === 'win32') return [];
  const out = await run('ps', ['-A', '-o', 'pid=,ppid=']);
  const children = new Map<number, number[]>();
  for (const line of out.split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    if (!p || pp === undefined || Number.isNaN(pp)) continue;
    const list = children.get(pp) ?? [];
    list.push(p);
    children.set(pp, list);
  }
  const found: number[] = [];
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (found.includes(next)) continue;
    found.push(next);
    stack.push(...(children.get(next) ?? []));
  }
  return found;
}

/** True while `pid` runs. A zombie (exited, not yet reaped) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

export interface KillTreeOptions {
  platform: NodeJS.Platform;
  /** How long to wait after SIGTERM before SIGKILL. */
  graceMs?: number;
  /** Descendants found earlier (before the root exited and they were re-parented). */
  knownDescendants?: number[];
}

/** Kills `pid` and all its descendants. Resolves when all are gone (or were sent SIGKILL). */
export async function killTree(pid: number, options: KillTreeOptions): Promise<void> {
  if (options.platform === 'win32') {
    await run('taskkill', ['/T', '/F', '/PID', String(pid)]);
    return;
  }
  const found = await listDescendants(pid, options.platform);
  const all = [...new Set([pid, ...found, ...(options.knownDescendants ?? [])])];
  for (const p of all) signal(p, 'SIGTERM');
  const deadline = Date.now() + (options.graceMs ?? 2_000);
  while (Date.now() < deadline && all.some(isAlive)) await new Promise((r) => setTimeout(r, 25));
  for (const p of all) if (isAlive(p)) signal(p, 'SIGKILL');
}
