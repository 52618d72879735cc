// A host with real servers and the strict fake API, recording every host event, with small helpers to
// make Claude call one tool through a real turn.
import { HOST_EVENTS, type HostEvent, type HostEvents } from '../../../app/api/contract.ts';
import type { ChatEvent, ToolCallView } from '../../../app/api/views.ts';
import { reply, startFakeAnthropic, type FakeAnthropic, type FakeReply } from '../../support/fakeAnthropic.ts';
import { startHarness, type Harness } from '../../support/hostHarness.ts';
import { nodeBin, serverBins } from '../../support/paths.ts';

export const API_KEY = 'sk-ant-test-key-protocol-1';

export interface ProtocolHarness {
  h: Harness;
  api: FakeAnthropic;
  seen<E extends HostEvent>(event: E): HostEvents[E][];
  waitForEvent<E extends HostEvent>(event: E, match?: (payload: HostEvents[E]) => boolean, what?: string): Promise<HostEvents[E]>;
  /**
   * Scripts Claude to call `apiName` with `input`, then answer `finalText`; `during` are replies to
   * requests made while the tool runs (sampling). Returns the new conversation's id.
   */
  callTool(apiName: string, input: Record<string, unknown>, opts?: { during?: FakeReply[]; finalText?: string }): Promise<string>;
  /** The last tool card of the conversation once it settled. */
  settledCall(conversationId: string): Promise<ToolCallView>;
  close(): Promise<void>;
}

export function everything(extra: Record<string, unknown> = {}) {
  return { command: nodeBin, args: [serverBins.everything], ...extra };
}

export async function startProtocolHarness(servers: Record<string, unknown>, opts: { dataDir?: string } = {}): Promise<ProtocolHarness> {
  const api = await startFakeAnthropic({ apiKey: API_KEY });
  const h = await startHarness({
    config: { mcpServers: servers },
    env: { ANTHROPIC_API_KEY: API_KEY, ANTHROPIC_BASE_URL: api.url },
    trustServers: true,
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
  });
  const log: { event: HostEvent; payload: unknown }[] = [];
  const offs = HOST_EVENTS.map((event) => h.host.on(event, (payload: unknown) => log.push({ event, payload })));
  await Promise.all(Object.keys(servers).map((name) => h.waitForServer(name, 'ready')));
  const seen = <E extends HostEvent>(event: E) => log.filter((e) => e.event === event).map((e) => e.payload as HostEvents[E]);
  const lastCall = (conversationId: string): ToolCallView | undefined =>
    h
      .chatEvents(conversationId)
      .filter((e): e is Extract<ChatEvent, { type: 'tool.updated' }> => e.type === 'tool.updated')
      .at(-1)?.call;
  return {
    h,
    api,
    seen,
    waitForEvent: (event, match = () => true, what = event) => h.waitFor(() => seen(event).find(match), what),
    async callTool(apiName, input, opts = {}) {
      const c = await h.host.call('conversations.create', {});
      api.enqueue(reply.toolUse(apiName, input), ...(opts.during ?? []), reply.text(opts.finalText ?? 'Done.'));
      await h.host.call('chat.send', { conversationId: c.id, text: `Please use ${apiName}` });
      return c.id;
    },
    settledCall: (conversationId) =>
      h.waitFor(() => {
        const call = lastCall(conversationId);
        return call && (call.status === 'done' || call.status === 'error' || call.status === 'cancelled') ? call : undefined;
      }, `the tool call in ${conversationId} to settle`),
    async close() {
      offs.forEach((off) => off());
      await h.close();
      await api.close();
    },
  };
}

export function resultText(call: ToolCallView): string {
  return (call.result?.content ?? []).map((c) => (c.kind === 'text' ? c.text : `[${c.kind}]`)).join('\n') || (call.error ?? '');
}
