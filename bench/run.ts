// `npm run bench`: the host against the raw MCP SDK on the same servers, in one run, as ratios.
// Not a test: it prints a table. Targets (issue 2): connect-all and per-call latency ≤ 1.05× raw,
// throughput ≥ 0.95× raw, registry resolve O(1).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { performance } from 'node:perf_hooks';
import type { ServerDefinition } from '../app/config/serverDefinition.ts';
import { buildToolRegistry } from '../app/routing/toolRegistry.ts';
import { ServerManager } from '../app/servers/serverManager.ts';
import { nodeBin, serverBins } from '../tests/support/paths.ts';
import { runRendererBench } from './rendererBench.ts';

const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const stdio = (name: string, bin: string): ServerDefinition => ({
  name,
  transport: { kind: 'stdio', command: nodeBin, args: [bin], env: {} },
  disabled: false,
  disabledTools: [],
});

interface Row { metric: string; host: string; raw: string; ratio: number; target: string }
const rows: Row[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function rawConnectAll(n: number): Promise<{ elapsed: number; clients: Client[] }> {
  const t0 = performance.now();
  const clients = await Promise.all(
    Array.from({ length: n }, async () => {
      const client = new Client({ name: 'bench-raw', version: '1' });
      await client.connect(new StdioClientTransport({ command: nodeBin, args: [serverBins.memory], stderr: 'pipe' }));
      await client.listTools();
      return client;
    }),
  );
  return { elapsed: performance.now() - t0, clients };
}

async function hostConnectAll(n: number): Promise<{ elapsed: number; manager: ServerManager }> {
  const manager = new ServerManager({ env, autoRestart: false });
  const t0 = performance.now();
  await manager.apply(Array.from({ length: n }, (_, i) => stdio(`memory${i}`, serverBins.memory)));
  const elapsed = performance.now() - t0;
  const notReady = manager.list().filter((c) => c.state().kind !== 'ready');
  if (notReady.length) throw new Error(`${notReady.length} servers did not become ready`);
  return { elapsed, manager };
}

async function connectAll(n: number, reps: number): Promise<void> {
  const host: number[] = [];
  const raw: number[] = [];
  for (let r = 0; r < reps; r++) {
    // Alternate the order so neither side always runs on a warmer machine.
    const first = r % 2 === 0 ? 'raw' : 'host';
    for (const side of first === 'raw' ? ['raw', 'host'] : ['host', 'raw']) {
      if (side === 'raw') {
        const { elapsed, clients } = await rawConnectAll(n);
        raw.push(elapsed);
        await Promise.all(clients.map((c) => c.close()));
      } else {
        const { elapsed, manager } = await hostConnectAll(n);
        host.push(elapsed);
        await manager.dispose();
      }
    }
  }
  const h = median(host);
  const w = median(raw);
  rows.push({ metric: `connect-all, ${n} stdio server${n > 1 ? 's' : ''} (median of ${reps})`, host: ms(h), raw: ms(w), ratio: h / w, target: '≤ 1.05' });
}

async function calls(): Promise<void> {
  const manager = new ServerManager({ env, autoRestart: false });
  await manager.apply([stdio('everything', serverBins.everything)]);
  const conn = manager.get('everything')!;
  // Each side talks to its own server process, as the host does: a process shared by two sides stays
  // warmer than one that sits idle between its calls, and that alone skewed the ratios by 10-20 %.
  const raw = new Client({ name: 'bench-raw', version: '1' });
  await raw.connect(new StdioClientTransport({ command: nodeBin, args: [serverBins.everything], stderr: 'pipe' }));
  const rawSame = new Client({ name: 'bench-raw-same', version: '1' });
  await rawSame.connect(new StdioClientTransport({ command: nodeBin, args: [serverBins.everything], stderr: 'pipe' }));
  const args = { message: 'bench' };
  // The host exactly as a chat turn calls it: a Stop signal and progress for the card.
  const hostCall = () => conn.callTool('echo', args, { timeoutMs: 30_000, signal: new AbortController().signal, onProgress: () => {} });
  const rawCall = () => raw.callTool({ name: 'echo', arguments: args }, undefined, { timeout: 30_000 });
  // The raw SDK asked to do the same job: cancellable, with progress resetting its timeout.
  const rawSameCall = () =>
    rawSame.callTool({ name: 'echo', arguments: args }, undefined, {
      timeout: 30_000,
      resetTimeoutOnProgress: true,
      signal: new AbortController().signal,
      onprogress: () => {},
    });

  for (let i = 0; i < 300; i++) { await hostCall(); await rawCall(); await rawSameCall(); }
  // Interleaved call by call, rotating the order, so drift in the machine's speed hits all sides alike.
  const lat = { host: [] as number[], raw: [] as number[], same: [] as number[] };
  const sides = [['host', hostCall], ['raw', rawCall], ['same', rawSameCall]] as const;
  for (let i = 0; i < 3000; i++) {
    for (let k = 0; k < 3; k++) {
      const [name, fn] = sides[(i + k) % 3]!;
      const t = performance.now();
      await fn();
      lat[name].push(performance.now() - t);
    }
  }
  const [hl, rl, sl] = [median(lat.host), median(lat.raw), median(lat.same)];
  rows.push({ metric: 'tools/call latency, serial (median of 3,000, interleaved)', host: ms(hl), raw: ms(rl), ratio: hl / rl, target: '≤ 1.05' });
  rows.push({ metric: '  … vs raw SDK with the same options (signal, progress)', host: ms(hl), raw: ms(sl), ratio: hl / sl, target: '≤ 1.05' });

  const burst = async (fn: () => Promise<unknown>, n: number) => {
    const t = performance.now();
    await Promise.all(Array.from({ length: n }, fn));
    return n / ((performance.now() - t) / 1000);
  };
  const tp = { host: [] as number[], raw: [] as number[], same: [] as number[] };
  for (let r = 0; r < 9; r++) {
    const order = [() => burst(rawCall, 2000).then((x) => tp.raw.push(x)), () => burst(rawSameCall, 2000).then((x) => tp.same.push(x)), () => burst(hostCall, 2000).then((x) => tp.host.push(x))];
    for (let k = 0; k < 3; k++) await order[(r + k) % 3]!();
  }
  const [ht, rt, st] = [median(tp.host), median(tp.raw), median(tp.same)];
  rows.push({ metric: 'throughput, 2,000 concurrent calls (median of 9)', host: `${ht.toFixed(0)}/s`, raw: `${rt.toFixed(0)}/s`, ratio: ht / rt, target: '≥ 0.95' });
  rows.push({ metric: '  … vs raw SDK with the same options (signal, progress)', host: `${ht.toFixed(0)}/s`, raw: `${st.toFixed(0)}/s`, ratio: ht / st, target: '≥ 0.95' });

  await raw.close();
  await rawSame.close();
  await manager.dispose();
}

function registry(): void {
  const make = (servers: number, tools: number) =>
    Array.from({ length: servers }, (_, s) => ({
      serverName: `server${s}`,
      disabledTools: [],
      serverEnabled: true,
      tools: Array.from({ length: tools }, (_, t): Tool => ({
        name: t % 10 === 0 ? 'search' : `tool.${t}`,
        description: `Tool ${t} of server ${s}`,
        inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
      })),
    }));
  const big = make(100, 100);
  const t0 = performance.now();
  const reg = buildToolRegistry(big);
  const build = performance.now() - t0;
  const names = reg.apiTools().map((t) => t.name);
  const small = buildToolRegistry(make(10, 10));
  const smallNames = small.apiTools().map((t) => t.name);
  const resolveNs = (r: typeof reg, ns: string[]) => {
    const n = 200_000;
    const t = performance.now();
    for (let i = 0; i < n; i++) r.resolve(ns[i % ns.length]!);
    return ((performance.now() - t) * 1e6) / n;
  };
  resolveNs(reg, names); resolveNs(small, smallNames);
  const bigNs = median([1, 2, 3].map(() => resolveNs(reg, names)));
  const smallNs = median([1, 2, 3].map(() => resolveNs(small, smallNames)));
  rows.push({ metric: `registry build, 100 servers × 100 tools (${names.length} offered)`, host: ms(build), raw: '—', ratio: NaN, target: 'info' });
  rows.push({ metric: 'registry resolve: 10,000 tools vs 100 tools', host: `${bigNs.toFixed(0)} ns`, raw: `${smallNs.toFixed(0)} ns`, ratio: bigNs / smallNs, target: '≈ 1 (O(1))' });
}

async function renderer(): Promise<void> {
  const r = await runRendererBench();
  rows.push({ metric: 'UI: main-thread time per text delta, p50 (1,000 messages open)', host: ms(r.deltaP50Ms), raw: '—', ratio: NaN, target: 'info' });
  rows.push({ metric: 'UI: main-thread time per text delta, p95 (1,000 messages open)', host: ms(r.deltaP95Ms), raw: '—', ratio: NaN, target: '≤ 4 ms' });
  rows.push({ metric: 'UI: initial JavaScript, gzipped', host: `${r.initialJsGzipKb.toFixed(0)} KB`, raw: '—', ratio: NaN, target: '≤ 350 KB' });
  rows.push({ metric: 'UI: loaded on demand (syntax highlighting), gzipped', host: `${r.lazyJsGzipKb.toFixed(0)} KB`, raw: '—', ratio: NaN, target: 'info' });
}

function print(): void {
  const header = ['metric', 'host', 'raw SDK', 'host/raw', 'target'];
  const body = rows.map((r) => [r.metric, r.host, r.raw, Number.isNaN(r.ratio) ? '—' : r.ratio.toFixed(3), r.target]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

const only = process.argv[2];
if (!only || only === 'registry') registry();
if (!only || only === 'calls') await calls();
if (!only || only === 'connect') {
  await connectAll(1, 5);
  await connectAll(10, 3);
  await connectAll(20, 3);
}
if (!only || only === 'renderer') await renderer();
print();
