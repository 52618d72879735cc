// The bench page: the real App on a 1,000-message conversation; `window.__bench.run(n)` streams n deltas
// and returns the main-thread time of each (store update + React commit + layout), in ms.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore } from '../../renderer/store/createAppStore.ts';
import { AppStoreProvider } from '../../renderer/store/storeContext.tsx';
import { App } from '../../renderer/shell/App.tsx';
import '../../renderer/styles/app.css';
import { benchConversation, benchHost } from './benchHost.ts';

const yieldTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

const conversation = benchConversation(1000);
const host = benchHost(conversation);
/** Unbatched: every delta renders on its own, the worst case (the app batches per frame). */
const store = createAppStore(host.api, { scheduleFrame: null });
store.getState().actions.start();
createRoot(document.getElementById('root')!).render(createElement(AppStoreProvider, { store, children: createElement(App) }));

async function run(count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    await yieldTask();
    const t0 = performance.now();
    host.emit({ type: 'text.delta', conversationId: 'bench', messageId: 'streaming', blockIndex: 0, text: i % 12 === 0 ? '\n\nNext paragraph ' : 'word ' });
    await Promise.resolve();
    await yieldTask();
    void document.body.offsetHeight;
    times.push(performance.now() - t0);
  }
  return times;
}

async function ready(): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (document.querySelectorAll('.message-slot').length > 0) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

(window as unknown as { __bench: unknown }).__bench = { run, ready };
