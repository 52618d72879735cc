// A server that floods the host with 250 sampling and 250 elicitation requests: at most 4 of each
// wait for the person, the rest are refused at once with a clear JSON-RPC error the server
// receives, the page gets one small added/removed event per waiting request (not the whole list
// per change), and a tool call on the same server still answers.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OPEN_PER_SERVER, TOO_MANY_OPEN_REQUESTS } from '../../../app/protocol/openRequestLimit.ts';
import { fixturesDir, nodeBin } from '../../support/paths.ts';
import { resultText, startProtocolHarness, type ProtocolHarness } from './protocolHarness.ts';
import { eventually } from '../../support/eventually.ts';

const FLOOD = 250;
let p: ProtocolHarness;

beforeAll(async () => {
  p = await startProtocolHarness({ flood: { command: nodeBin, args: [path.join(fixturesDir, 'request-flood.mjs'), String(FLOOD)] } });
});

afterAll(async () => {
  await p?.close();
});

interface Stats {
  answered: number;
  refused: Record<string, number>;
  messages: string[];
}

async function stats(): Promise<Stats> {
  const id = await p.callTool('flood__stats', {});
  const call = await p.settledCall(id);
  expect(call.status).toBe('done');
  return JSON.parse(resultText(call)) as Stats;
}

describe('a flood of requests from one server', () => {
  it('keeps 4 of each waiting, refuses the rest with a clear error, and still answers a tool call', async () => {
    const refusedAll = 2 * (FLOOD - MAX_OPEN_PER_SERVER);
    let seen: Stats | undefined;
    await eventually(
      async () => {
        seen = await stats();
        return (seen.refused[String(TOO_MANY_OPEN_REQUESTS)] ?? 0) >= refusedAll;
      },
      () => `${refusedAll} refused requests; the server saw ${JSON.stringify(seen)}`,
      { timeoutMs: 60_000, everyMs: 0 },
    );
    expect(seen!.refused).toEqual({ [String(TOO_MANY_OPEN_REQUESTS)]: refusedAll });
    expect(seen!.answered).toBe(0);
    expect(seen!.messages).toEqual(
      expect.arrayContaining([
        'MCP error -32003: Switchboard refused this sampling request: "flood" already has 4 waiting for the person. Wait for an answer before sending more.',
        'MCP error -32003: Switchboard refused this elicitation request: "flood" already has 4 waiting for the person. Wait for an answer before sending more.',
      ]),
    );
    expect(await p.h.host.call('sampling.list', {})).toHaveLength(MAX_OPEN_PER_SERVER);
    expect(await p.h.host.call('elicitation.list', {})).toHaveLength(MAX_OPEN_PER_SERVER);
  }, 90_000);

  it('sends the page one small event per waiting request, never the whole list again', () => {
    const changes = [...p.seen('sampling.changed'), ...p.seen('elicitation.changed')];
    expect(changes.filter((c) => c.kind === 'added')).toHaveLength(2 * MAX_OPEN_PER_SERVER);
    const bytes = changes.reduce((n, c) => n + JSON.stringify(c).length, 0);
    // Eight requests of ~10 KB each; a whole-list event per change would be several times this.
    expect(bytes).toBeLessThan(2 * MAX_OPEN_PER_SERVER * 12 * 1024);
    expect(p.seen('sampling.logged')).toHaveLength(0);
  });

  it('makes room again once the person answers one', async () => {
    const [first] = await p.h.host.call('sampling.list', {});
    await p.h.host.call('sampling.decide', { id: first!.id, decision: 'deny' });
    await p.h.waitFor(() => p.seen('sampling.changed').some((c) => c.kind === 'removed' && c.id === first!.id), 'the denied request to leave the list');
    expect(await p.h.host.call('sampling.list', {})).toHaveLength(MAX_OPEN_PER_SERVER - 1);
  });
});
