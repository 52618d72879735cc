import { describe, expect, it } from 'vitest';
import type { PendingApprovalView } from '../../../app/api/index.ts';
import { createAppStore } from '../../../renderer/store/createAppStore.ts';
import { fakeHostApi, flush } from './fakeHostApi.ts';

const pending = (id: string): PendingApprovalView => ({
  id,
  conversationId: 'c1',
  server: 'everything',
  toolName: 'echo',
  input: {},
  toolDescription: 'Echoes.',
  requestedAt: 1,
});

describe('safety store', () => {
  it('tracks pending approvals from events and drops one once decided', async () => {
    const host = fakeHostApi({
      'conversations.list': () => [],
      'servers.list': () => [],
      'approvals.list': () => [pending('a')],
      'grants.list': () => [],
      'tools.decide': () => ({ decided: true }),
    });
    const store = createAppStore(host.api, { scheduleFrame: null });
    const stop = store.getState().actions.start();
    await flush();
    await flush();
    expect(store.getState().safety.pending.map((p) => p.id)).toEqual(['a']);
    host.emit('approvals.changed', { pending: [pending('a'), pending('b')] });
    await store.getState().actions.decideTool('a', 'allow-once');
    expect(host.calls.find((c) => c.method === 'tools.decide')?.params).toEqual({ callId: 'a', decision: 'allow-once' });
    expect(store.getState().safety.pending.map((p) => p.id)).toEqual(['b']);
    expect(store.getState().safety.deciding.a).toBe(false);
    stop();
  });

  it('keeps a failed decision visible on the call it belongs to', async () => {
    const host = fakeHostApi({
      'conversations.list': () => [],
      'servers.list': () => [],
      'approvals.list': () => [pending('a')],
      'grants.list': () => [],
      'tools.decide': () => {
        throw Object.assign(new Error('That call already finished.'), { code: 'not-found' });
      },
    });
    const store = createAppStore(host.api, { scheduleFrame: null });
    const stop = store.getState().actions.start();
    await flush();
    await flush();
    await store.getState().actions.decideTool('a', 'deny');
    expect(store.getState().safety.decideError.a).toBe('That call already finished.');
    expect(store.getState().safety.pending.map((p) => p.id)).toEqual(['a']);
    stop();
  });

  it('replaces the grant list on grants.changed and removes a revoked grant', async () => {
    const grant = { id: 'g1', server: 'everything', toolName: 'echo', toolDescription: 'Echoes.', grantedAt: 1 };
    const host = fakeHostApi({
      'conversations.list': () => [],
      'servers.list': () => [],
      'approvals.list': () => [],
      'grants.list': () => [],
      'grants.revoke': () => ({ revoked: true }),
    });
    const store = createAppStore(host.api, { scheduleFrame: null });
    const stop = store.getState().actions.start();
    await flush();
    await flush();
    host.emit('grants.changed', { grants: [grant] });
    expect(store.getState().safety.grants).toEqual([grant]);
    await store.getState().actions.revokeGrant('g1');
    expect(store.getState().safety.grants).toEqual([]);
    stop();
  });
});
