import { describe, expect, it } from 'vitest';
import type { ChatEvent, ConversationView, MessageView, ToolCallView } from '../../../app/api/index.ts';
import { createAppStore } from '../../../renderer/store/createAppStore.ts';
import { turnUsageAt } from '../../../renderer/store/turnUsage.ts';
import { fakeHostApi, flush } from './fakeHostApi.ts';

const cid = 'c1';
const conversation = (messages: MessageView[] = []): ConversationView => ({
  id: cid,
  title: 'Hello',
  createdAt: 1,
  updatedAt: 1,
  messageCount: messages.length,
  messages,
  busy: false,
});
const user: MessageView = { role: 'user', id: 'u1', createdAt: 2, text: 'What time is it?' };
const assistant: MessageView = { role: 'assistant', id: 'a1', createdAt: 3, model: 'claude', status: 'streaming', blocks: [] };
const call = (status: ToolCallView['status'], extra: Partial<ToolCallView> = {}): ToolCallView => ({
  id: 'tu1',
  apiName: 'everything__echo',
  server: 'everything',
  toolName: 'echo',
  input: { message: 'hi' },
  status,
  ...extra,
});

async function started(initial = conversation(), opts: { sendFails?: boolean; onCreate?: () => ConversationView } = {}) {
  const host = fakeHostApi({
    ...(opts.onCreate ? { 'conversations.create': opts.onCreate } : {}),
    'settings.get': () => ({
      model: 'm',
      baseUrl: '',
      effectiveBaseUrl: '',
      apiKeySet: true,
      apiKeySource: 'settings',
      models: [],
      maxTokens: 1024,
      titleModel: 'h',
      theme: 'system',
      sidebarCollapsed: false,
      toolSearch: 'auto',
      toolSearchAfter: 128,
      pinnedTools: [],
    }),
    'config.get': () => ({ path: '/x', issues: [] }),
    'host.info': () => ({
      version: '0',
      mode: 'test',
      dataDir: '/d',
      configPath: '/x',
      notices: [],
      toolBudget: {
        enabledTools: 0,
        estimatedTokens: 0,
        maxTools: 100,
        maxTokens: 20000,
        over: false,
        deferred: false,
        loadedTools: 0,
        toolSearch: { on: true, afterTools: 128 },
      },
    }),
    'servers.list': () => [],
    'conversations.list': () => [initial],
    'conversations.get': () => initial,
    'chat.send': () => {
      if (opts.sendFails) throw Object.assign(new Error('The host is busy.'), { code: 'conflict' });
      return { turnId: 't1' };
    },
  });
  const store = createAppStore(host.api, { scheduleFrame: null });
  const stop = store.getState().actions.start();
  await flush();
  await flush();
  const emit = (e: ChatEvent) => host.emit('chat.event', e);
  const messages = () => store.getState().chat.byId[cid]!.messages;
  return { host, store, stop, emit, messages };
}

describe('chat store', () => {
  it('sends a message typed the instant after New conversation to a new conversation, never the old one', async () => {
    let created = 0;
    const onCreate = () => ({ id: `new${++created}`, title: 'New conversation', createdAt: 5, updatedAt: 5, messageCount: 0, messages: [], busy: false });
    const { host, store, stop } = await started(conversation([user]), { onCreate });
    const { actions } = store.getState();
    void actions.newConversation();
    actions.setDraft(store.getState().chat.activeId, 'Quick one');
    const first = actions.send();
    const second = actions.send();
    await Promise.all([first, second]);
    const sends = host.calls.filter((c) => c.method === 'chat.send').map((c) => c.params);
    expect(sends).toEqual([{ conversationId: 'new1', text: 'Quick one' }]);
    expect(created).toBe(1);
    expect(store.getState().chat.activeId).toBe('new1');
    stop();
  });

  it('opens the most recent conversation after a restart', async () => {
    const { store, stop } = await started(conversation([user]));
    expect(store.getState().chat.activeId).toBe(cid);
    expect(store.getState().chat.byId[cid]!.messages).toHaveLength(1);
    stop();
  });

  it('appends streamed text to the right block and upserts tool cards in place', async () => {
    const { emit, messages, store, stop } = await started();
    emit({ type: 'turn.started', conversationId: cid, turnId: 't1', userMessage: user });
    emit({ type: 'message.started', conversationId: cid, message: assistant });
    emit({ type: 'text.delta', conversationId: cid, messageId: 'a1', blockIndex: 0, text: 'Let me ' });
    emit({ type: 'text.delta', conversationId: cid, messageId: 'a1', blockIndex: 0, text: 'check.' });
    emit({ type: 'tool.updated', conversationId: cid, messageId: 'a1', call: call('running') });
    emit({
      type: 'tool.updated',
      conversationId: cid,
      messageId: 'a1',
      call: call('done', { durationMs: 12, result: { isError: false, content: [{ kind: 'text', text: 'hi' }] } }),
    });
    emit({ type: 'text.delta', conversationId: cid, messageId: 'a1', blockIndex: 2, text: 'It is noon.' });
    const a = messages()[1]!;
    expect(a.role).toBe('assistant');
    if (a.role !== 'assistant') return;
    expect(a.blocks.map((b) => b.kind)).toEqual(['text', 'tool', 'text']);
    expect(a.blocks[0]).toEqual({ kind: 'text', text: 'Let me check.' });
    expect(a.blocks[1]!.kind === 'tool' && a.blocks[1]!.call.status).toBe('done');
    expect(a.blocks[2]).toEqual({ kind: 'text', text: 'It is noon.' });
    expect(store.getState().chat.turns[cid]!.running).toBe(true);
    stop();
  });

  it('leaves other messages untouched by a delta so only one row re-renders', async () => {
    const { emit, messages, stop } = await started(conversation([user]));
    emit({ type: 'message.started', conversationId: cid, message: assistant });
    const before = messages();
    emit({ type: 'text.delta', conversationId: cid, messageId: 'a1', blockIndex: 0, text: 'x' });
    expect(messages()[0]).toBe(before[0]);
    expect(messages()[1]).not.toBe(before[1]);
    stop();
  });

  it('marks a streaming message cancelled when the turn is stopped, and the next send works', async () => {
    const { emit, messages, store, stop, host } = await started();
    emit({ type: 'turn.started', conversationId: cid, turnId: 't1', userMessage: user });
    emit({ type: 'message.started', conversationId: cid, message: assistant });
    emit({ type: 'turn.finished', conversationId: cid, turnId: 't1', outcome: 'cancelled' });
    const a = messages()[1]!;
    expect(a.role === 'assistant' && a.status).toBe('cancelled');
    expect(store.getState().chat.turns[cid]!.running).toBe(false);
    store.getState().actions.setDraft(cid, 'again');
    await store.getState().actions.send();
    expect(host.calls.filter((c) => c.method === 'chat.send')).toHaveLength(1);
    stop();
  });

  it('keeps the draft when the send fails and clears it when the send succeeds', async () => {
    const failing = await started(conversation(), { sendFails: true });
    failing.store.getState().actions.setDraft(cid, 'my long question');
    await failing.store.getState().actions.send();
    expect(failing.store.getState().chat.drafts[cid]).toBe('my long question');
    expect(failing.store.getState().chat.turns[cid]!.error?.message).toBe('The host is busy.');
    failing.stop();

    const ok = await started();
    ok.store.getState().actions.setDraft(cid, 'my long question');
    await ok.store.getState().actions.send();
    expect(ok.store.getState().chat.drafts[cid]).toBe('');
    ok.stop();
  });

  it('records a retrying turn and the turn error when no message carries it', async () => {
    const { emit, store, stop } = await started();
    emit({ type: 'turn.started', conversationId: cid, turnId: 't1', userMessage: user });
    emit({ type: 'turn.retrying', conversationId: cid, turnId: 't1', attempt: 2, retryAt: 99, reason: 'overloaded' });
    expect(store.getState().chat.turns[cid]!.retrying).toEqual({ attempt: 2, retryAt: 99, reason: 'overloaded' });
    emit({ type: 'turn.finished', conversationId: cid, turnId: 't1', outcome: 'error', error: { kind: 'no-key', message: 'Add an API key.' } });
    expect(store.getState().chat.turns[cid]!.error?.kind).toBe('no-key');
    stop();
  });

  it('sums token usage over the assistant messages of one turn', () => {
    const usage = (i: number, o: number, r: number) => ({ inputTokens: i, outputTokens: o, cacheReadInputTokens: r, cacheCreationInputTokens: 0 });
    const msgs: MessageView[] = [
      user,
      { ...assistant, status: 'complete', usage: usage(10, 5, 100) } as MessageView,
      { ...assistant, id: 'a2', status: 'complete', usage: usage(20, 7, 50) } as MessageView,
    ];
    expect(turnUsageAt(msgs, 1)).toBeNull();
    expect(turnUsageAt(msgs, 2)).toEqual(usage(30, 12, 150));
  });

  it('coalesces deltas per frame and applies them before the next structural event', async () => {
    const host = fakeHostApi({ 'conversations.list': () => [conversation()], 'conversations.get': () => conversation(), 'servers.list': () => [] });
    let pending: (() => void) | null = null;
    const store = createAppStore(host.api, {
      scheduleFrame: (f) => {
        pending = f;
      },
    });
    const stop = store.getState().actions.start();
    await flush();
    await flush();
    host.emit('chat.event', { type: 'message.started', conversationId: cid, message: assistant });
    host.emit('chat.event', { type: 'text.delta', conversationId: cid, messageId: 'a1', blockIndex: 0, text: 'a' });
    host.emit('chat.event', { type: 'text.delta', conversationId: cid, messageId: 'a1', blockIndex: 0, text: 'b' });
    const text = () => {
      const m = store.getState().chat.byId[cid]!.messages[0]!;
      return m.role === 'assistant' ? m.blocks[0] : undefined;
    };
    expect(text()).toBeUndefined();
    (pending as unknown as () => void)();
    expect(text()).toEqual({ kind: 'text', text: 'ab' });
    host.emit('chat.event', { type: 'text.delta', conversationId: cid, messageId: 'a1', blockIndex: 0, text: 'c' });
    host.emit('chat.event', {
      type: 'message.finished',
      conversationId: cid,
      message: { ...assistant, status: 'complete', blocks: [{ kind: 'text', text: 'abc' }] },
    });
    expect(text()).toEqual({ kind: 'text', text: 'abc' });
    stop();
  });
});
