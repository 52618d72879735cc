import { describe, expect, it } from 'vitest';
import type { LogLine, ServerView } from '../../../app/api/index.ts';
import { MAX_LOG_LINES } from '../../../renderer/store/appState.ts';
import { createAppStore } from '../../../renderer/store/createAppStore.ts';
import { fakeHostApi, flush } from './fakeHostApi.ts';

const server = (name: string, state: ServerView['state']): ServerView => ({
  name,
  entry: { transport: 'stdio', command: 'node', args: [], envKeys: [] },
  disabled: false,
  state,
  tools: [],
  issues: [],
  trust: { trusted: false, autoApproveReadOnly: false },
  launch: { approved: true, status: 'from-form', fingerprint: 'f', target: 'command', commandLine: 'node', env: [], headerNames: [] },
  inlineSecrets: [],
});

async function started(list: ServerView[]) {
  const host = fakeHostApi({
    'servers.list': () => list,
    'conversations.list': () => [],
    'servers.upsert': (p) => {
      if (p.entry.transport === 'stdio' && p.entry.command === 'bad') {
        throw Object.assign(new Error('Invalid request'), { code: 'invalid-params', issues: [{ path: 'entry.command', message: 'Not found.' }] });
      }
      return server(p.name, { kind: 'starting', since: 1, attempt: 1 });
    },
  });
  const store = createAppStore(host.api, { scheduleFrame: null });
  const stop = store.getState().actions.start();
  await flush();
  await flush();
  return { host, store, stop };
}

describe('servers store', () => {
  it('loads the list and applies upserts and removals in order', async () => {
    const { host, store, stop } = await started([server('a', { kind: 'stopped' })]);
    expect(store.getState().servers.order).toEqual(['a']);
    host.emit('servers.changed', { kind: 'upsert', view: server('b', { kind: 'starting', since: 1, attempt: 1 }) });
    host.emit('servers.changed', { kind: 'upsert', view: server('b', { kind: 'ready', since: 2, transport: 'stdio', serverName: 'b', serverVersion: '1' }) });
    expect(store.getState().servers.order).toEqual(['a', 'b']);
    expect(store.getState().servers.byName.b!.state.kind).toBe('ready');
    host.emit('servers.changed', { kind: 'removed', server: 'a' });
    expect(store.getState().servers.order).toEqual(['b']);
    expect(store.getState().servers.byName.a).toBeUndefined();
    stop();
  });

  it('keeps only the last lines of a server log', async () => {
    const { host, store, stop } = await started([server('a', { kind: 'stopped' })]);
    for (let i = 0; i < MAX_LOG_LINES + 5; i++) {
      const line: LogLine = { at: i, level: 'info', source: 'stderr', text: `line ${i}` };
      host.emit('servers.log', { server: 'a', line });
    }
    const logs = store.getState().servers.logs.a!;
    expect(logs).toHaveLength(MAX_LOG_LINES);
    expect(logs[logs.length - 1]!.text).toBe(`line ${MAX_LOG_LINES + 4}`);
    expect(logs[0]!.text).toBe('line 5');
    stop();
  });

  it('applies a burst of log lines as one store update per frame, still bounded', async () => {
    const host = fakeHostApi({ 'servers.list': () => [server('a', { kind: 'stopped' }), server('b', { kind: 'stopped' })], 'conversations.list': () => [] });
    const frames: (() => void)[] = [];
    const store = createAppStore(host.api, { scheduleFrame: (f) => frames.push(f) });
    const stop = store.getState().actions.start();
    await flush();
    await flush();
    let updates = 0;
    const unsubscribe = store.subscribe((st, prev) => {
      if (st.servers.logs !== prev.servers.logs) updates++;
    });
    for (let i = 0; i < MAX_LOG_LINES * 2; i++) {
      host.emit('servers.log', { server: i % 2 ? 'b' : 'a', line: { at: i, level: 'info', source: 'stderr', text: `line ${i}` } });
    }
    expect(updates).toBe(0);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(updates).toBe(1);
    expect(store.getState().servers.logs.a).toHaveLength(MAX_LOG_LINES);
    expect(store.getState().servers.logs.b!.at(-1)!.text).toBe(`line ${MAX_LOG_LINES * 2 - 1}`);
    host.emit('servers.log', { server: 'a', line: { at: 1, level: 'info', source: 'stderr', text: 'next' } });
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(store.getState().servers.logs.a!.at(-1)!.text).toBe('next');
    expect(store.getState().servers.logs.a).toHaveLength(MAX_LOG_LINES);
    unsubscribe();
    stop();
  });

  it('returns field issues from a rejected upsert so the form can show them', async () => {
    const { store, stop } = await started([]);
    const error = await store.getState().actions.upsertServer({ name: 'x', entry: { transport: 'stdio', command: 'bad' } });
    expect(error?.issues).toEqual([{ path: 'entry.command', message: 'Not found.' }]);
    const ok = await store.getState().actions.upsertServer({ name: 'x', entry: { transport: 'stdio', command: 'node' } });
    expect(ok).toBeNull();
    expect(store.getState().servers.order).toEqual(['x']);
    stop();
  });

  it('keeps a newer state from an event when the action that caused it answers later', async () => {
    let emitError: () => void = () => undefined;
    const host = fakeHostApi({
      'servers.list': () => [],
      'conversations.list': () => [],
      'servers.upsert': (p) => {
        emitError();
        return server(p.name, { kind: 'starting', since: 1, attempt: 1 });
      },
    });
    emitError = () =>
      host.emit('servers.changed', { kind: 'upsert', view: server('ghost', { kind: 'error', message: 'not found', stderrTail: [], attempt: 1, since: 2 }) });
    const store = createAppStore(host.api, { scheduleFrame: null });
    const stop = store.getState().actions.start();
    await flush();
    await store.getState().actions.upsertServer({ name: 'ghost', entry: { transport: 'stdio', command: 'nope' } });
    expect(store.getState().servers.byName.ghost!.state.kind).toBe('error');
    stop();
  });

  it('stops listening when stopped', async () => {
    const { host, store, stop } = await started([]);
    stop();
    host.emit('servers.changed', { kind: 'upsert', view: server('late', { kind: 'stopped' }) });
    expect(store.getState().servers.order).toEqual([]);
  });
});
