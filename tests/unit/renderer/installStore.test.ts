// The install slice: the first-run offer, install links and bundles waiting for review.
import { describe, expect, it } from 'vitest';
import type { BundleReviewView, LinkReviewView, ServerView } from '../../../app/api/index.ts';
import { createAppStore } from '../../../renderer/store/createAppStore.ts';
import { fakeHostApi, flush } from './fakeHostApi.ts';

const link = (id: string, name = 'memory'): LinkReviewView => ({
  id,
  shape: 'switchboard',
  name,
  transport: 'stdio',
  launch: { target: 'command', commandLine: 'node server.js', env: [], headerNames: [] },
  fingerprint: `fp-${id}`,
  exists: false,
});
const bundle = (id: string): BundleReviewView => ({
  id,
  name: 'greeter',
  displayName: 'Greeter',
  version: '1.0.0',
  description: '',
  author: 'a',
  commandPreview: 'node x',
  fields: [],
  problems: [],
});
const base = { 'conversations.list': () => [], 'servers.list': () => [] } as const;

describe('install store', () => {
  it('opens the first-run offer when the host offers, and closes it for good when dismissed', async () => {
    const host = fakeHostApi({
      ...base,
      'install.links': () => [],
      'install.discover': () => ({ offer: true, sources: [] }),
      'install.dismissOffer': () => ({ dismissed: true }),
    });
    const store = createAppStore(host.api, { scheduleFrame: null });
    const stop = store.getState().actions.start();
    await flush();
    await flush();
    expect(store.getState().install.firstRunOffer?.offer).toBe(true);
    await store.getState().actions.dismissImportOffer();
    expect(store.getState().install.firstRunOffer).toBeNull();
    expect(host.calls.some((c) => c.method === 'install.dismissOffer')).toBe(true);
    stop();
  });

  it('queues link reviews from events once each, removes an accepted one, and keeps a refused one with the reason', async () => {
    let refuse = false;
    const host = fakeHostApi({
      ...base,
      'install.links': () => [link('a')],
      'install.discover': () => ({ offer: false, sources: [] }),
      'install.acceptLink': () => {
        if (refuse) throw Object.assign(new Error('A newer link for "memory" arrived after you reviewed this one.'), { code: 'conflict' });
        return { name: 'memory', launch: { approved: true } } as unknown as ServerView;
      },
    });
    const store = createAppStore(host.api, { scheduleFrame: null });
    const stop = store.getState().actions.start();
    await flush();
    await flush();
    host.emit('install.linkOpened', link('a'));
    host.emit('install.linkOpened', link('b'));
    expect(store.getState().install.links.map((l) => l.id)).toEqual(['a', 'b']);
    refuse = true;
    expect((await store.getState().actions.acceptLink('a', 'fp-a'))?.message).toMatch(/newer link/);
    expect(store.getState().install.links.map((l) => l.id)).toEqual(['a', 'b']);
    refuse = false;
    expect(await store.getState().actions.acceptLink('b', 'fp-b')).toBeNull();
    expect(store.getState().install.links.map((l) => l.id)).toEqual(['a']);
    stop();
  });

  it('shows a bundle opened by the OS (an event) and by the page once', async () => {
    const host = fakeHostApi({
      ...base,
      'install.links': () => [],
      'install.discover': () => ({ offer: false, sources: [] }),
      'bundles.open': () => bundle('x'),
    });
    const store = createAppStore(host.api, { scheduleFrame: null });
    const stop = store.getState().actions.start();
    await flush();
    host.emit('bundles.opened', bundle('x'));
    expect(await store.getState().actions.openBundle('greeter.mcpb', 'UEs=')).toBeNull();
    expect(store.getState().install.bundles.map((b) => b.id)).toEqual(['x']);
    stop();
  });
});
