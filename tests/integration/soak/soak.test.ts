// A bounded soak: 1,000 tool calls over several real servers while one of them crashes and restarts
// again and again. Every call gets exactly one result; no process, descriptor or memory leaks.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import type { ServerDefinition } from '../../../app/config/serverDefinition.ts';
import { callTools } from '../../../app/routing/toolCaller.ts';
import { serversOf, type TestInvoker } from '../../support/callServers.ts';
import { buildToolRegistry } from '../../../app/routing/toolRegistry.ts';
import { listDescendants } from '../../../app/servers/processTree.ts';
import { ServerManager } from '../../../app/servers/serverManager.ts';
import { eventually } from '../../support/eventually.ts';
import { fixturesDir, nodeBin, serverBins } from '../../support/paths.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const openFds = () => readdirSync('/proc/self/fd').length;
/** Our descendant processes, minus the `ps` that listing them runs. */
const children = async () =>
  (await listDescendants(process.pid, 'linux')).filter((pid) => {
    try {
      return !readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('ps\0');
    } catch {
      return false;
    }
  });

const stdio = (name: string, args: string[]): ServerDefinition => ({
  name,
  transport: { kind: 'stdio', command: nodeBin, args, env: {} },
  disabled: false,
  disabledTools: [],
});

it('gives every one of 1,000 calls exactly one result while a server crashes and restarts repeatedly', async () => {
  const fdsBefore = openFds();
  const manager = new ServerManager({
    env: { PATH: process.env.PATH },
    backoff: { baseMs: 20, capMs: 100, maxAttempts: 1_000, stableMs: 50 },
    stopGraceMs: 500,
  });
  await manager.apply([
    stdio('everything', [serverBins.everything]),
    stdio('memory', [serverBins.memory]),
    stdio('crashy', [path.join(fixturesDir, 'crash-later.mjs')]),
  ]);
  const registry = () =>
    buildToolRegistry(
      manager.list().map((c) => ({ server: c.name, tools: c.state().kind === 'ready' ? c.tools() : [], disabledTools: [], serverEnabled: true })),
    );
  // Names resolve against the full tool set even while crashy restarts, so its calls reach the invoker and fail there.
  const fullRegistry = registry();
  const invoke: TestInvoker = (server, tool, args, opts) => manager.get(server)!.callTool(tool, args, { timeoutMs: 10_000, signal: opts.signal });

  const batches = 50;
  const perBatch = 20;
  let results = 0;
  let errors = 0;
  let crashes = 0;
  let heapAfterWarmup = 0;
  let maxChildren = 0;
  for (let b = 0; b < batches; b++) {
    const uses = Array.from({ length: perBatch }, (_, i) => {
      const id = `toolu_${b}_${i}`;
      if (i === 0 && b % 5 === 0) return { id, name: 'crashy__crash', input: {} };
      const pick = i % 3;
      if (pick === 0) return { id, name: 'everything__echo', input: { message: `m${b}.${i}` } };
      if (pick === 1) return { id, name: 'memory__read_graph', input: {} };
      return { id, name: 'crashy__echo', input: {} };
    });
    crashes += uses.filter((u) => u.name === 'crashy__crash').length;
    const outcomes = await callTools(uses, { registry: fullRegistry, servers: serversOf(invoke), signal: new AbortController().signal });
    expect(outcomes.map((o) => o.toolResult.tool_use_id)).toEqual(uses.map((u) => u.id));
    results += outcomes.length;
    errors += outcomes.filter((o) => o.toolResult.is_error).length;
    for (const o of outcomes) {
      if (o.call.apiName.startsWith('everything__')) expect(o.toolResult.is_error, JSON.stringify(o.toolResult)).toBeFalsy();
    }
    maxChildren = Math.max(maxChildren, (await children()).length);
    if (b === 4) heapAfterWarmup = heapMb();
    if (b % 5 === 4) {
      // Let crashy come back before the next crash.
      await eventually(() => manager.get('crashy')!.state().kind === 'ready', 'crashy to be ready again', { timeoutMs: 5_000 }).catch(() => undefined);
    }
  }
  const heapGrowth = heapMb() - heapAfterWarmup;

  expect(results).toBe(batches * perBatch);
  expect(errors).toBeGreaterThanOrEqual(crashes);
  expect(errors).toBeLessThan(results / 2);
  const crashLines = manager
    .get('crashy')!
    .logs()
    .filter((l) => /code 7/.test(l.text));
  expect(crashLines.length).toBeGreaterThanOrEqual(crashes);
  expect(maxChildren).toBeLessThan(20);
  expect(heapGrowth).toBeLessThan(40);

  await manager.dispose();
  expect(await children()).toEqual([]);
  expect(openFds()).toBeLessThanOrEqual(fdsBefore + 5);
}, 180_000);
