// An in-page HostApi holding one long conversation, whose events the bench emits by hand. Browser-only.
import type { ChatEvent, ConversationView, HostApi, HostEvent, MessageView } from '../../app/api/index.ts';
import { HOST_METHODS } from '../../app/api/index.ts';

const paragraph = 'Switchboard keeps every server visible. Here is what I found, with **bold**, `code` and a [link](https://example.com/a). ';

function message(i: number): MessageView {
  if (i % 2 === 0) return { role: 'user', id: `m${i}`, createdAt: i, text: `Question number ${i}: what does the tool say?` };
  const blocks: Extract<MessageView, { role: 'assistant' }>['blocks'] = [{ kind: 'text', text: paragraph.repeat(3) }];
  if (i % 10 === 1) {
    blocks.push({
      kind: 'tool',
      call: {
        id: `t${i}`,
        apiName: 'everything__echo',
        server: 'everything',
        toolName: 'echo',
        input: { message: `call ${i}` },
        status: 'done',
        durationMs: 12,
        result: { isError: false, content: [{ kind: 'text', text: `Echo: call ${i}` }] },
      },
    });
    blocks.push({ kind: 'text', text: '```ts\nconst answer = 42;\nconsole.log(answer);\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |' });
  }
  return {
    role: 'assistant',
    id: `m${i}`,
    createdAt: i,
    model: 'claude',
    status: 'complete',
    blocks,
    usage: { inputTokens: 100, outputTokens: 50, cacheReadInputTokens: 1000, cacheCreationInputTokens: 0 },
  };
}

export function benchConversation(count: number): ConversationView {
  const messages = Array.from({ length: count }, (_, i) => message(i));
  messages.push({ role: 'assistant', id: 'streaming', createdAt: count, model: 'claude', status: 'streaming', blocks: [] });
  return { id: 'bench', title: 'A long conversation', createdAt: 0, updatedAt: 0, messageCount: messages.length, messages, busy: true };
}

export function benchHost(conversation: ConversationView): { api: HostApi; emit(event: ChatEvent): void } {
  const listeners = new Map<HostEvent, Set<(payload: unknown) => void>>();
  const answers: Record<string, unknown> = {
    'host.info': {
      version: 'bench',
      mode: 'test',
      dataDir: '/bench',
      configPath: '/bench/config.json',
      notices: [],
      toolBudget: { enabledTools: 13, estimatedTokens: 3000, maxTools: 100, maxTokens: 20000, over: false },
    },
    'config.get': { path: '/bench/config.json', issues: [] },
    'servers.list': [],
    'settings.get': { model: 'claude', baseUrl: '', effectiveBaseUrl: '', apiKeySet: true, apiKeySource: 'settings', models: [], maxTokens: 1024 },
    'conversations.list': [{ id: conversation.id, title: conversation.title, createdAt: 0, updatedAt: 0, messageCount: conversation.messages.length }],
    'conversations.get': conversation,
    'approvals.list': [],
    'grants.list': [],
  };
  const api = {} as Record<string, unknown>;
  for (const method of HOST_METHODS) api[method] = async () => answers[method] ?? {};
  api.on = (event: HostEvent, fn: (payload: unknown) => void) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  };
  return {
    api: api as unknown as HostApi,
    emit: (event) => {
      for (const fn of listeners.get('chat.event') ?? []) fn(event);
    },
  };
}
