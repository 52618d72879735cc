// Fails the run if any MCP server process we started outlives the suite (DESIGN.md §4.6).
import { execFileSync } from 'node:child_process';
import { repoRoot } from './paths.ts';

function serverProcesses(): string[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const markers = [`${repoRoot}/node_modules/@modelcontextprotocol/server-`, `${repoRoot}/tests/fixtures/`];
  return out
    .split('\n')
    .filter((line) => markers.some((m) => line.includes(m)))
    .filter((line) => !line.includes(' ps -eo'));
}

export function setup(): void {
  const before = serverProcesses();
  if (before.length > 0) {
    console.warn(`[globalSetup] server processes already running before the suite:\n${before.join('\n')}`);
  }
}

export async function teardown(): Promise<void> {
  // Give process trees a moment to finish exiting after the last test's dispose().
  for (let i = 0; i < 20; i++) {
    if (serverProcesses().length === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  const left = serverProcesses();
  if (left.length > 0) {
    for (const line of left) {
      const pid = Number(line.trim().split(/\s+/)[0]);
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    throw new Error(`These MCP server processes outlived the test suite:\n${left.join('\n')}`);
  }
}
