// Request sizes with 500 tools, tool search off (every definition loaded, as before) against on (deferred
// behind the tool search tool): bytes on the wire and tokens in the prompt for each request of one
// three-turn conversation (search + call, a direct call of the found tool, a plain answer).
// Tokens are the stand-in's count (about 4 characters a token, deferred tools not in the prompt, a found
// tool's definition counted where its reference stands), the same rule for both columns.
// Run: `npm run bench -- tool-search` or `node --import tsx bench/toolSearchBench.ts`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { reply, startFakeAnthropic, type FakeAnthropic, type RecordedRequest } from '../tests/support/fakeAnthropic.ts';
import { startHarness, type Harness } from '../tests/support/hostHarness.ts';
import { fixturesDir, nodeBin } from '../tests/support/paths.ts';

const KEY = 'sk-ant-bench-tool-search-000';
const CATALOGS: [string, number][] = [
  ['crm', 167],
  ['ops', 167],
  ['docs', 166],
];

export interface RequestSize {
  label: string;
  bytes: number;
  promptTokens: number;
  cacheRead: number;
}

async function conversation(h: Harness, api: FakeAnthropic, sendAnyway: boolean): Promise<RecordedRequest[]> {
  const c = await h.host.call('conversations.create', {});
  const mark = api.requests.length;
  const opts = sendAnyway ? { overToolBudget: 'send-anyway' as const } : {};
  const turns: [string, ReturnType<typeof reply.text>[]][] = [
    [
      'Rotate certificate cert-7.',
      [
        sendAnyway
          ? reply.toolUse('ops__rotate_certificate', { id: 'cert-7' })
          : reply.searchThenCall('rotate the TLS certificate', 'ops__rotate_certificate', { id: 'cert-7' }),
        reply.text('Rotated cert-7.'),
      ],
    ],
    ['And cert-8.', [reply.toolUse('ops__rotate_certificate', { id: 'cert-8' }), reply.text('Rotated cert-8.')]],
    ['Thanks!', [reply.text('You are welcome.')]],
  ];
  for (const [i, [text, replies]] of turns.entries()) {
    api.enqueue(...replies);
    await h.host.call('chat.send', { conversationId: c.id, text, ...opts });
    await h.waitForTurn(c.id, i + 1);
  }
  const sent = api.requests.slice(mark);
  const rejected = sent.find((r) => r.rejected);
  if (rejected) throw new Error(`The stand-in rejected a request: ${rejected.rejected!.message}`);
  return sent;
}

const size = (r: RecordedRequest, label: string): RequestSize => ({
  label,
  bytes: Buffer.byteLength(JSON.stringify(r.body)),
  promptTokens: r.usage!.input_tokens + r.usage!.cache_read_input_tokens + r.usage!.cache_creation_input_tokens,
  cacheRead: r.usage!.cache_read_input_tokens,
});

export async function runToolSearchBench(): Promise<{ tools: number; before: RequestSize[]; after: RequestSize[] }> {
  const api = await startFakeAnthropic({ apiKey: KEY });
  const mcpServers = Object.fromEntries(
    CATALOGS.map(([domain, n]) => [domain, { command: nodeBin, args: [path.join(fixturesDir, 'tool-catalog.mjs'), domain, String(n)] }]),
  );
  const h = await startHarness({ config: { mcpServers }, env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url }, trustServers: true });
  try {
    for (const [domain] of CATALOGS) await h.waitForServer(domain, 'ready');
    const tools = (await h.host.call('host.info', {})).toolBudget.enabledTools;
    const labels = ['1: first message (on: search + call)', '2: tool result', '3: direct call', '4: tool result', '5: plain answer'];
    await h.host.call('settings.update', { toolSearch: 'off' });
    const off = await conversation(h, api, true);
    await h.host.call('settings.update', { toolSearch: 'auto' });
    const on = await conversation(h, api, false);
    return {
      tools,
      before: off.map((r, i) => size(r, labels[i] ?? `${i + 1}`)),
      after: on.map((r, i) => size(r, labels[i] ?? `${i + 1}`)),
    };
  } finally {
    await h.close();
    await api.close();
  }
}

export function formatToolSearchTable(result: Awaited<ReturnType<typeof runToolSearchBench>>): string {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const lines = [
    `Requests of one conversation with ${result.tools} tools (tokens: prompt = input + cache read + cache write)`,
    '',
    '| request | bytes, search off | bytes, search on | prompt tokens, search off | prompt tokens, search on | cache read, off | cache read, on |',
    '|---|---|---|---|---|---|---|',
  ];
  result.after.forEach((a, i) => {
    const b = result.before[i]!;
    lines.push(
      `| ${a.label} | ${kb(b.bytes)} | ${kb(a.bytes)} | ${b.promptTokens.toLocaleString('en')} | ${a.promptTokens.toLocaleString('en')} | ${b.cacheRead.toLocaleString('en')} | ${a.cacheRead.toLocaleString('en')} |`,
    );
  });
  const sum = (xs: RequestSize[], k: 'bytes' | 'promptTokens') => xs.reduce((n, x) => n + x[k], 0);
  lines.push(
    `| total | ${kb(sum(result.before, 'bytes'))} | ${kb(sum(result.after, 'bytes'))} | ${sum(result.before, 'promptTokens').toLocaleString('en')} | ${sum(result.after, 'promptTokens').toLocaleString('en')} | | |`,
  );
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatToolSearchTable(await runToolSearchBench()));
}
