import { describe, expect, it } from 'vitest';
import type {
  ConversationView,
  ElicitationView,
  HostApi,
  PromptView,
  ResourceView,
  SamplingLogEntry,
  SamplingRequestView,
  ServerView,
} from '../../../app/api/index.ts';
import { createAppStore } from '../../../renderer/store/createAppStore.ts';
import { allPrompts } from '../../../renderer/store/protocolState.ts';
import { fakeHostApi, flush } from './fakeHostApi.ts';

type Handlers = Parameters<typeof fakeHostApi>[0];

const prompt = (server: string, name: string): PromptView => ({ server, name, arguments: [] });
const resource = (uri: string, extra: Partial<ResourceView> = {}): ResourceView => ({
  server: 'everything',
  uri,
  name: uri.split('/').at(-1)!,
  subscribed: false,
  ...extra,
});
const sampling = (id: string): SamplingRequestView => ({
  id,
  server: 'everything',
  requestedAt: 1,
  messages: [{ role: 'user', content: [{ kind: 'text', text: 'Say hi' }] }],
  maxTokens: 50,
  requestedMaxTokens: 50,
  model: 'claude',
});
const form: ElicitationView = { id: 'e1', server: 'everything', requestedAt: 2, mode: 'form', message: 'Who are you?', requestedSchema: {}, defaults: {} };
const conversation = (id: string): ConversationView => ({
  id,
  title: 'New conversation',
  createdAt: 1,
  updatedAt: 1,
  messageCount: 0,
  messages: [],
  busy: false,
});
const server = (name: string, kind: 'ready' | 'stopped'): ServerView =>
  ({
    name,
    entry: { transport: 'stdio', command: 'node', args: [], envKeys: [] },
    disabled: false,
    trust: { trusted: false, autoApproveReadOnly: false },
    launch: { approved: true, status: 'from-form', fingerprint: 'f', target: 'command', commandLine: 'node', env: [], headerNames: [] },
    state: kind === 'ready' ? { kind, since: 1, transport: 'stdio', serverName: name, serverVersion: '1' } : { kind },
    tools: [],
    issues: [],
    inlineSecrets: [],
  }) as ServerView;

async function started(handlers: Handlers = {}) {
  const host = fakeHostApi({
    'servers.list': () => [server('everything', 'ready'), server('files', 'ready')],
    'conversations.list': () => [],
    'prompts.list': (p) => (p.server === 'files' ? [prompt('files', 'summarize')] : [prompt('everything', 'simple-prompt'), prompt('files', 'review')]),
    'roots.get': () => ({ global: [], perServer: {} }),
    'sampling.list': () => [],
    'elicitation.list': () => [],
    'sampling.log': () => [],
    ...handlers,
  });
  const store = createAppStore(host.api as HostApi, { scheduleFrame: null });
  const stop = store.getState().actions.start();
  await flush();
  await flush();
  return { host, store, stop, actions: () => store.getState().actions, protocol: () => store.getState().protocol };
}

describe('prompts as slash commands', () => {
  it("loads every server's prompts, reloads one server on prompts.changed, and drops a server that stops", async () => {
    const { host, protocol, stop, store } = await started();
    expect(allPrompts(protocol().prompts, store.getState().servers.order).map((p) => `${p.server}/${p.name}`)).toEqual([
      'everything/simple-prompt',
      'files/review',
    ]);
    host.emit('prompts.changed', { server: 'files' });
    await flush();
    expect(protocol().prompts.files!.map((p) => p.name)).toEqual(['summarize']);
    host.emit('servers.changed', { kind: 'upsert', view: server('files', 'stopped') });
    expect(protocol().prompts.files).toBeUndefined();
    expect(protocol().prompts.everything).toHaveLength(1);
    stop();
  });

  it('runs a prompt into a new conversation when none is open, and marks the turn running', async () => {
    const { host, actions, store, stop } = await started({
      'conversations.create': () => conversation('c9'),
      'prompts.run': () => ({ inserted: 1, turnId: 't9' }),
    });
    expect(await actions().runPrompt('everything', 'args-prompt', { city: 'Oslo' })).toBeNull();
    expect(host.calls.find((c) => c.method === 'prompts.run')?.params).toEqual({
      conversationId: 'c9',
      server: 'everything',
      name: 'args-prompt',
      arguments: { city: 'Oslo' },
    });
    expect(store.getState().chat.turns.c9).toMatchObject({ running: true, turnId: 't9' });
    stop();
  });

  it('asks for suggestions with the other arguments as context, and gives none when the ask fails', async () => {
    const { actions, stop } = await started({
      'completions.complete': (p) => ({ values: p.context?.arguments.department === 'Sales' ? ['Eve'] : [], hasMore: false }),
    });
    const ref = { type: 'ref/prompt' as const, name: 'completable-prompt' };
    expect(
      await actions().complete({ server: 'everything', ref, argument: { name: 'name', value: '' }, context: { arguments: { department: 'Sales' } } }),
    ).toEqual(['Eve']);
    const failing = await started();
    expect(await failing.actions().complete({ server: 'everything', ref, argument: { name: 'name', value: '' } })).toEqual([]);
    failing.stop();
    stop();
  });
});

describe('resources and attachments', () => {
  it("sends the composer's attachments with the message, moving them to a newly created conversation, then clears them", async () => {
    const { host, actions, protocol, stop } = await started({ 'conversations.create': () => conversation('c1'), 'chat.send': () => ({ turnId: 't1' }) });
    const a = { server: 'everything', uri: 'demo://resource/static/document/instructions.md', name: 'instructions.md' };
    actions().attach(null, a);
    actions().attach(null, a);
    actions().attach(null, { server: 'everything', uri: 'demo://resource/dynamic/text/7' });
    actions().detach(null, { server: 'everything', uri: 'demo://resource/dynamic/text/7' });
    expect(protocol().attachments['']).toEqual([a]);
    actions().setDraft(null, 'What does it say?');
    await actions().send();
    expect(host.calls.find((c) => c.method === 'chat.send')?.params).toEqual({
      conversationId: 'c1',
      text: 'What does it say?',
      attachments: [{ server: a.server, uri: a.uri }],
    });
    expect(protocol().attachments['']).toBeUndefined();
    expect(protocol().attachments.c1).toBeUndefined();
    stop();
  });

  it('marks a subscribed resource updated until it is read again, and keeps the subscription flag in step', async () => {
    const uri = 'demo://resource/static/document/instructions.md';
    const { host, actions, protocol, stop } = await started({
      'resources.list': () => [resource(uri)],
      'resources.templates': () => [],
      'resources.subscribe': (p) => ({ ...p, subscribed: true }),
      'resources.read': (p) => ({ server: p.server, uri: p.uri, contents: [{ kind: 'text', uri: p.uri, text: 'hello' }] }),
    });
    await actions().loadResources('everything');
    expect(await actions().setSubscribed('everything', uri, true)).toBeNull();
    expect(protocol().resources.everything![0]!.subscribed).toBe(true);
    host.emit('resources.updated', { server: 'everything', uri });
    expect(protocol().updated[`everything\n${uri}`]).toBeTypeOf('number');
    const read = await actions().readResource('everything', uri);
    expect('contents' in read && read.contents[0]).toMatchObject({ kind: 'text', text: 'hello' });
    expect(protocol().updated[`everything\n${uri}`]).toBeUndefined();
    host.emit('resources.changed', { server: 'everything' });
    await flush();
    expect(host.calls.filter((c) => c.method === 'resources.list')).toHaveLength(2);
    stop();
  });
});

describe('requests from servers', () => {
  it("shows pending sampling requests, sends the person's edits, and keeps a request whose edit was refused", async () => {
    let refuse = true;
    const { host, actions, protocol, stop } = await started({
      'sampling.decide': () => {
        if (refuse)
          throw Object.assign(new Error('Give the new text of all 1 messages, in order.'), {
            code: 'invalid-params',
            issues: [{ path: 'edited.messages', message: 'Expected 1 entries.' }],
          });
        return { decided: true };
      },
    });
    host.emit('sampling.changed', { kind: 'added', request: sampling('s1') });
    host.emit('sampling.changed', { kind: 'added', request: sampling('s2') });
    expect(protocol().sampling.map((r) => r.id)).toEqual(['s1', 's2']);
    const error = await actions().decideSampling('s1', 'approve', { messages: ['a', 'b'] });
    expect(error?.issues).toEqual([{ path: 'edited.messages', message: 'Expected 1 entries.' }]);
    expect(protocol().sampling.map((r) => r.id)).toEqual(['s1', 's2']);
    refuse = false;
    expect(await actions().decideSampling('s1', 'approve', { messages: ['Say hello'], maxTokens: 20 })).toBeNull();
    expect(host.calls.filter((c) => c.method === 'sampling.decide').at(-1)?.params).toEqual({
      id: 's1',
      decision: 'approve',
      edited: { messages: ['Say hello'], maxTokens: 20 },
    });
    expect(protocol().sampling.map((r) => r.id)).toEqual(['s2']);
    expect(protocol().answering.s1).toBeUndefined();
    stop();
  });

  it('keeps the sampling log newest first, one entry per request', async () => {
    const { host, protocol, stop } = await started();
    const entry = (id: string, finishedAt: number): SamplingLogEntry => ({
      id,
      server: 'everything',
      requestedAt: 1,
      finishedAt,
      outcome: 'approved',
      messages: [],
      maxTokens: 10,
    });
    host.emit('sampling.logged', { entry: entry('a', 1) });
    host.emit('sampling.logged', { entry: entry('b', 2) });
    host.emit('sampling.logged', { entry: { ...entry('a', 3), outcome: 'failed' } });
    expect(protocol().samplingLog.map((e) => `${e.id}:${e.outcome}`)).toEqual(['a:failed', 'b:approved']);
    stop();
  });

  it("answers an elicitation, returns the core's field issues, and notes a finished URL request", async () => {
    const { host, actions, protocol, stop } = await started({
      'elicitation.respond': (p) => {
        if (p.content?.email === 'nope')
          throw Object.assign(new Error('Some answers do not fit.'), {
            code: 'invalid-params',
            issues: [{ path: 'content.email', message: 'Email: must be an email address.' }],
          });
        return { responded: true };
      },
    });
    const url: ElicitationView = {
      id: 'u1',
      server: 'everything',
      requestedAt: 3,
      mode: 'url',
      message: 'Sign in',
      url: 'https://example.com/x',
      host: 'example.com',
      elicitationId: 'el-1',
    };
    host.emit('elicitation.changed', { kind: 'added', request: form });
    host.emit('elicitation.changed', { kind: 'added', request: url });
    const error = await actions().respondElicitation('e1', 'accept', { email: 'nope' });
    expect(error?.issues).toEqual([{ path: 'content.email', message: 'Email: must be an email address.' }]);
    expect(protocol().elicitations).toHaveLength(2);
    expect(await actions().respondElicitation('e1', 'accept', { email: 'a@b.co' })).toBeNull();
    expect(protocol().elicitations.map((e) => e.id)).toEqual(['u1']);
    host.emit('elicitation.completed', { server: 'everything', elicitationId: 'el-1' });
    expect(protocol().elicitationsDone).toEqual(['el-1']);
    host.emit('elicitation.changed', { kind: 'removed', id: 'u1' });
    expect(protocol().elicitationsDone).toEqual([]);
    stop();
  });
});

describe('roots and log levels', () => {
  it("saves roots, returns the core's refusal, and follows roots.changed", async () => {
    const { host, actions, protocol, stop } = await started({
      'roots.set': (p) => {
        if (p.global.some((g) => !g.startsWith('/')))
          throw Object.assign(new Error('Choose folders by their full path.'), {
            code: 'invalid-params',
            issues: [{ path: 'global[0]', message: '"x" is not a full path.' }],
          });
        return p;
      },
    });
    expect((await actions().setRoots({ global: ['x'], perServer: {} }))?.message).toBe('Choose folders by their full path.');
    expect(await actions().setRoots({ global: ['/work'], perServer: { files: ['/srv'] } })).toBeNull();
    expect(protocol().roots).toEqual({ global: ['/work'], perServer: { files: ['/srv'] } });
    host.emit('roots.changed', { global: [], perServer: {} });
    expect(protocol().roots).toEqual({ global: [], perServer: {} });
    stop();
  });

  it("sets a server's log level and shows it on the server", async () => {
    const { host, actions, store, stop } = await started({ 'logging.setLevel': (p) => p });
    await actions().setLogLevel('everything', 'warning');
    expect(host.calls.find((c) => c.method === 'logging.setLevel')?.params).toEqual({ server: 'everything', level: 'warning' });
    expect(store.getState().servers.byName.everything!.logLevel).toBe('warning');
    stop();
  });
});
