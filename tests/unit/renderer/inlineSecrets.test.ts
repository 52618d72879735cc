// The warning for secrets hand-written into config.json: what it says, the button that names the server,
// and the store action behind it (the warning goes once the host answers; a failure comes back as words).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ServerView } from '../../../app/api/index.ts';
import { InlineSecrets, inlineSecretsMessage } from '../../../renderer/features/servers/InlineSecrets.tsx';
import { createAppStore, type AppStore } from '../../../renderer/store/createAppStore.ts';
import { AppStoreProvider } from '../../../renderer/store/storeContext.tsx';
import { fakeHostApi, flush } from './fakeHostApi.ts';

const server = (name: string, inlineSecrets: string[]): ServerView => ({
  name,
  entry: { transport: 'stdio', command: 'npx', args: ['-y', 'server-github'], envKeys: ['GITHUB_TOKEN'] },
  disabled: false,
  state: { kind: 'stopped' },
  tools: [],
  issues: [],
  trust: { trusted: false, autoApproveReadOnly: false },
  launch: {
    approved: true,
    status: 'approved',
    fingerprint: 'f',
    target: 'command',
    commandLine: 'npx -y server-github',
    env: [{ name: 'GITHUB_TOKEN', secret: true, flagged: false }],
    headerNames: [],
  },
  inlineSecrets,
});

const render = (store: AppStore, view: ServerView) =>
  renderToStaticMarkup(createElement(AppStoreProvider, { store, children: createElement(InlineSecrets, { server: view }) }));

async function started(move: (name: string) => ServerView) {
  const host = fakeHostApi({
    'servers.list': () => [server('github', ['GITHUB_TOKEN'])],
    'conversations.list': () => [],
    'servers.moveInlineSecrets': (p) => move(p.server),
  });
  const store = createAppStore(host.api, { scheduleFrame: null });
  const stop = store.getState().actions.start();
  await flush();
  await flush();
  return { host, store, stop };
}

describe('secrets written in config.json', () => {
  it('says which values are in plain text, in a sentence', () => {
    expect(inlineSecretsMessage(['GITHUB_TOKEN'])).toBe('GITHUB_TOKEN is written in config.json in plain text.');
    expect(inlineSecretsMessage(['GITHUB_TOKEN', 'API_KEY'])).toBe('GITHUB_TOKEN and API_KEY are written in config.json in plain text.');
    expect(inlineSecretsMessage(['A_TOKEN', 'B_KEY', 'C_SECRET'])).toBe('A_TOKEN, B_KEY and C_SECRET are written in config.json in plain text.');
  });

  it('shows a warning with a button naming the server only while something is inline', async () => {
    const { store, stop } = await started(() => server('github', []));
    const html = render(store, store.getState().servers.byName.github!);
    expect(html).toContain('GITHUB_TOKEN is written in config.json in plain text.');
    expect(html).toContain('aria-label="Move the secrets of github to the secret store"');
    expect(html).toContain('>Move to the secret store</button>');
    expect(render(store, server('github', []))).toBe('');
    stop();
  });

  it('moves them through the host and drops the warning with the answer', async () => {
    const { host, store, stop } = await started((name) => server(name, []));
    expect(await store.getState().actions.moveInlineSecrets('github')).toBeNull();
    expect(host.calls.filter((c) => c.method === 'servers.moveInlineSecrets')).toEqual([{ method: 'servers.moveInlineSecrets', params: { server: 'github' } }]);
    expect(store.getState().servers.byName.github!.inlineSecrets).toEqual([]);
    expect(store.getState().servers.pending.github).toBeUndefined();
    expect(render(store, store.getState().servers.byName.github!)).toBe('');
    stop();
  });

  it("gives back the host's words when moving fails, and keeps the warning", async () => {
    const { store, stop } = await started(() => {
      throw Object.assign(new Error('config.json cannot be changed right now: it is not valid JSON.'), { code: 'conflict' });
    });
    expect(await store.getState().actions.moveInlineSecrets('github')).toMatchObject({
      code: 'conflict',
      message: 'config.json cannot be changed right now: it is not valid JSON.',
    });
    expect(store.getState().servers.byName.github!.inlineSecrets).toEqual(['GITHUB_TOKEN']);
    expect(store.getState().servers.pending.github).toBeUndefined();
    stop();
  });
});
