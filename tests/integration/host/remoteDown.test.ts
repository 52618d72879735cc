// Through the host: a remote server that dies is shown reconnecting, and a tool call Claude makes
// meanwhile gets the reason, not "no tool named …" or a bare "fetch failed"; it recovers by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { startEverythingHttp, type LocalMcpHttp } from '../../support/everythingHttp.ts';
import { startHarness, type Harness } from '../../support/hostHarness.ts';

const KEY = 'sk-ant-test-key-remote-down-1';
let api: FakeAnthropic;
let server: LocalMcpHttp;
let h: Harness;

beforeAll(async () => {
  api = await startFakeAnthropic({ apiKey: KEY });
  server = await startEverythingHttp();
  h = await startHarness({
    config: { mcpServers: { far: { type: 'http', url: server.url } } },
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: api.url },
    trustServers: true,
  });
  await h.waitForServer('far', 'ready');
});

afterAll(async () => {
  await h?.close();
  await server?.close();
  await api?.close();
});

describe('a remote server that dies, through the host', () => {
  it('is reconnecting within seconds, tells Claude why a call cannot run, and comes back', async () => {
    const port = Number(new URL(server.url).port);
    await server.close();
    const down = await h.waitForServer('far', 'reconnecting', 15_000);
    expect(down.state.kind === 'reconnecting' && down.state.reason).toMatch(/^Could not reach `far`/);

    const c = await h.host.call('conversations.create', {});
    api.enqueue(reply.toolUse('far__echo', { message: 'anyone there?' }), reply.text('It is down.'));
    await h.host.call('chat.send', { conversationId: c.id, text: 'Echo something' });
    await h.waitForTurn(c.id);
    const result = api.requests.at(-1)!.body.messages.at(-1).content[0];
    expect(result).toMatchObject({ type: 'tool_result', is_error: true });
    expect(JSON.stringify(result.content)).toMatch(/`far` lost its connection, so `echo` cannot run now: Could not reach `far`.*Switchboard is reconnecting/);

    server = await startEverythingHttp(port);
    await h.waitForServer('far', 'ready', 90_000);
  }, 120_000);
});
