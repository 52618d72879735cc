// Runs whole turns of the loop against the strict fake API, collecting events and saved steps.
import type { ChatEvent } from '../../../app/api/views.ts';
import type { Conversation } from '../../../app/conversations/conversation.ts';
import { createAnthropicClient } from '../../../app/llm/anthropicClient.ts';
import { runTurn, type TurnDeps, type TurnResult } from '../../../app/llm/turnLoop.ts';
import { serversOf, type TestInvoker } from '../../support/callServers.ts';
import type { ToolRegistry } from '../../../app/routing/toolRegistry.ts';
import type { FakeAnthropic } from '../../support/fakeAnthropic.ts';
import { validateMessagesRequest } from '../../support/fakeAnthropicValidate.ts';

export function newConversation(): Conversation {
  return { version: 1, id: 'conv-1', title: 'Test', createdAt: 0, updatedAt: 0, transcript: [], messages: [] };
}

export interface TurnRun {
  result: TurnResult;
  events: ChatEvent[];
  steps: Conversation[];
  sleeps: number[];
}

export async function turn(
  api: FakeAnthropic,
  conversation: Conversation,
  userText: string | undefined,
  { invoke, ...deps }: { registry: Pick<ToolRegistry, 'apiTools' | 'resolve'>; invoke: TestInvoker } & Partial<TurnDeps>,
  onEvent?: (e: ChatEvent) => void,
): Promise<TurnRun> {
  const events: ChatEvent[] = [];
  const steps: Conversation[] = [];
  const sleeps: number[] = [];
  let clock = 1_000_000;
  const result = await runTurn({
    conversation,
    ...(userText !== undefined ? { userText } : {}),
    turnId: `turn-${Math.random()}`,
    llm: createAnthropicClient({ apiKey: 'test-key', baseUrl: api.url, now: () => clock }),
    model: 'claude-test',
    maxTokens: 1024,
    signal: new AbortController().signal,
    emit: (e) => {
      events.push(e);
      onEvent?.(e);
    },
    onStep: (c) => void steps.push(structuredClone(c)),
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    calls: { servers: serversOf(invoke) },
    ...deps,
  });
  return { result, events, steps, sleeps };
}

/** The strict fake's verdict on the transcript as the next request would send it (undefined = valid). */
export function transcriptProblem(conversation: Conversation): string | undefined {
  const messages = [...conversation.transcript];
  if (messages.at(-1)?.role !== 'user') messages.push({ role: 'user', content: [{ type: 'text', text: 'next' }] });
  return validateMessagesRequest({ model: 'm', max_tokens: 1, messages })?.message;
}
