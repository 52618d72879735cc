// Fails the run if any MCP server process this run started outlives the suite (DESIGN.md §4.6).
// It watches this vitest process's own descendants, so parallel runs on one machine do not interfere.
import { execFileSync } from 'node:child_process';
import { eventually } from './eventually.ts';
import { repoRoot } from './paths.ts';

interface Proc {
  pid: number;
  ppid: number;
  args: string;
}

const markers = [`${repoRoot}/node_modules/@modelcontextprotocol/server-`, `${repoRoot}/tests/fixtures/`];
const seen = new Map<number, string>();
let timer: ReturnType<typeof setInterval> | undefined;

function processes(): Proc[] {
  try {
    return execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  } catch {
    return [];
  }
}

/** Records every server process that currently descends from this run. */
function collect(): void {
  const all = processes();
  const children = new Map<number, Proc[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const stack = [process.pid];
  while (stack.length) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (markers.some((m) => child.args.includes(m))) seen.set(child.pid, child.args);
      stack.push(child.pid);
    }
  }
}

function stillAlive(): string[] {
  const alive = new Map(processes().map((p) => [p.pid, p.args]));
  return [...seen].filter(([pid, args]) => alive.get(pid) === args).map(([pid, args]) => `${pid} ${args}`);
}

export function setup(): void {
  timer = setInterval(collect, 200);
  timer.unref();
}

export async function teardown(): Promise<void> {
  if (timer) clearInterval(timer);
  collect();
  await eventually(() => stillAlive().length === 0, 'server processes to exit', { timeoutMs: 5_000, everyMs: 250 }).catch(() => undefined);
  const left = stillAlive();
  if (left.length === 0) return;
  for (const line of left) {
    try {
      process.kill(Number(line.split(' ')[0]), 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  throw new Error(`These MCP server processes outlived the test suite:\n${left.join('\n')}`);
}
