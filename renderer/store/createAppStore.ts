// The renderer's one store (DESIGN.md §4.8): zustand vanilla, composed from typed slices whose actions are
// the only API callers. Each slice's file holds its state, initial value, actions and subscriptions; this
// factory wires them together, batches streamed text and log lines per frame, and loads everything at start.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ChatEvent, HostApi, LogLine } from '../../app/api/index.ts';
import type { AppState } from './appState.ts';
import { toActionError } from './actionError.ts';
import { initialApps, appsActions, subscribeApps } from './appsSlice.ts';
import { accountActions } from './accountActions.ts';
import { applyChatEventToSlice, chatActions, initialChat, subscribeChat } from './chatSlice.ts';
import { initialInstall, installActions, subscribeInstall } from './installSlice.ts';
import { forgetServer, onServerChanged } from './protocolState.ts';
import { initialProtocol, protocolSlice } from './protocolSlice.ts';
import { initialSafety, safetyActions, subscribeSafety } from './safetySlice.ts';
import { MAX_LOG_LINES, appendLogs, initialServers, serverActions, subscribeServers } from './serversSlice.ts';
import { initialSettings, settingsSlice } from './settingsSlice.ts';
import type { SliceContext } from './sliceTools.ts';
import { tasksActions } from './tasksSlice.ts';
import { initialUi, uiActions } from './uiSlice.ts';

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  /** Coalesces streamed text deltas and log lines into one update per frame. Default: requestAnimationFrame when present. */
  scheduleFrame?: ((flush: () => void) => void) | null;
}

function defaultScheduler(): ((flush: () => void) => void) | null {
  return typeof requestAnimationFrame === 'function' ? (flush) => requestAnimationFrame(() => flush()) : null;
}

export function createAppStore(api: HostApi, options: AppStoreOptions = {}): AppStore {
  const schedule = options.scheduleFrame === undefined ? defaultScheduler() : options.scheduleFrame;

  return createStore<AppState>()((rawSet, get) => {
    const set: SliceContext['set'] = (change) => rawSet((st) => change(st));
    const notifyError = (text: string) => set((st) => ({ ui: { ...st.ui, notice: { kind: 'error', text } } }));
    const ctx: SliceContext = { api, set, get, notifyError };
    const { onConversationsChanged, loadConversation, ...chat } = chatActions(ctx);
    const { loadSafety, ...safety } = safetyActions(ctx);
    const protocol = protocolSlice(ctx);
    const settings = settingsSlice(ctx);
    const { loadInstall, ...install } = installActions(ctx);

    let queued: ChatEvent[] = [];
    let queuedLogs = new Map<string, LogLine[]>();
    let frameRequested = false;
    const flushLogs = () => {
      if (queuedLogs.size === 0) return;
      const batches = queuedLogs;
      queuedLogs = new Map();
      set((st) => {
        let servers = st.servers;
        for (const [name, lines] of batches) servers = appendLogs(servers, name, lines);
        return { servers };
      });
    };
    const flush = () => {
      frameRequested = false;
      flushLogs();
      if (queued.length === 0) return;
      const events = queued;
      queued = [];
      set((st) => ({ chat: events.reduce(applyChatEventToSlice, st.chat) }));
    };
    const requestFrame = () => {
      if (frameRequested || !schedule) return;
      frameRequested = true;
      schedule(flush);
    };
    const onChatEvent = (event: ChatEvent) => {
      if (schedule && event.type === 'text.delta') {
        queued.push(event);
        requestFrame();
        return;
      }
      flush();
      set((st) => ({ chat: applyChatEventToSlice(st.chat, event) }));
    };
    const onLogLine = ({ server, line }: { server: string; line: LogLine }) => {
      const batch = queuedLogs.get(server);
      if (batch) {
        batch.push(line);
        if (batch.length > MAX_LOG_LINES) batch.splice(0, batch.length - MAX_LOG_LINES);
      } else queuedLogs.set(server, [line]);
      if (schedule) requestFrame();
      else flushLogs();
    };

    async function loadAll(): Promise<void> {
      const results = await Promise.allSettled([
        ...settings.load(),
        get().actions.refreshServers(),
        loadSafety(),
        ...protocol.load(),
        loadInstall(),
        api['conversations.list']({}).then((summaries) => onConversationsChanged({ conversations: summaries })),
      ]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) notifyError(toActionError(failed.reason).message);
      const { activeId, summaries } = get().chat;
      const pick = activeId ?? summaries[0]?.id;
      if (pick) {
        set((st) => ({ chat: { ...st.chat, activeId: pick } }));
        await loadConversation(pick);
      }
    }

    return {
      servers: initialServers,
      chat: initialChat,
      settings: initialSettings,
      safety: initialSafety,
      protocol: initialProtocol,
      apps: initialApps,
      install: initialInstall,
      ui: initialUi,
      actions: {
        start() {
          const offs = [
            ...subscribeServers(ctx, {
              onLogLine,
              protocolOnChange: (p, e) => (e.kind === 'upsert' ? onServerChanged(p, e.view) : forgetServer(p, e.server)),
              afterChange: () => settings.refreshInfoSoon(),
            }),
            ...settings.subscribe(),
            ...subscribeChat(ctx, { onConversationsChanged }, onChatEvent),
            ...subscribeSafety(ctx),
            ...protocol.subscribe(),
            ...subscribeApps(ctx),
            ...subscribeInstall(ctx),
          ];
          void loadAll();
          return () => {
            for (const off of offs) off();
            queued = [];
            queuedLogs = new Map();
            settings.stop();
          };
        },
        setConnection(connection) {
          const was = get().ui.connection;
          set((st) => ({ ui: { ...st.ui, connection } }));
          if (was === 'lost' && connection === 'open') void loadAll();
        },
        ...uiActions(ctx),
        ...serverActions(ctx),
        ...accountActions(ctx),
        ...settings.actions,
        ...safety,
        ...chat,
        ...protocol.actions,
        ...appsActions(ctx),
        ...install,
        ...tasksActions(ctx),
      },
    };
  });
}
