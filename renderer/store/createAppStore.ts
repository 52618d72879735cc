// The renderer's one store (DESIGN.md §4.8): zustand vanilla, typed slices, and actions that are the only API callers.
import { applyPendingChange } from './pendingChange.ts';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ChatEvent, HostApi, LogLine } from '../../app/api/index.ts';
import { MAX_LOG_LINES, type AppState } from './appState.ts';
import { applyChatEventToSlice, chatActions } from './chatActions.ts';
import { toActionError } from './actionError.ts';
import { appendLogs, applyServersChanged, serverActions } from './serverActions.ts';
import { safetyActions } from './safetyActions.ts';
import { settingsActions } from './settingsActions.ts';
import { searchActions } from './searchActions.ts';
import { onServerChanged, forgetServer, protocolActions, resourceKey } from './protocolActions.ts';
import { addLogEntry, requestActions } from './requestActions.ts';
import { appActions, applyAppToolCall } from './appActions.ts';
import { installActions, mergeById } from './installActions.ts';
import type { SliceContext } from './sliceTools.ts';

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
    const chat = chatActions(ctx);
    const safety = safetyActions(ctx);
    const protocol = protocolActions(ctx);
    const requests = requestActions(ctx);
    const { loadInstall, ...install } = installActions(ctx);
    const setProtocol = (change: (p: AppState['protocol']) => AppState['protocol']) => set((st) => ({ protocol: change(st.protocol) }));

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
    const onLogLine = ({ name, line }: { name: string; line: LogLine }) => {
      const batch = queuedLogs.get(name);
      if (batch) {
        batch.push(line);
        if (batch.length > MAX_LOG_LINES) batch.splice(0, batch.length - MAX_LOG_LINES);
      } else queuedLogs.set(name, [line]);
      if (schedule) requestFrame();
      else flushLogs();
    };

    let infoTimer: ReturnType<typeof setTimeout> | undefined;
    const refreshInfoSoon = () => {
      if (infoTimer !== undefined) return;
      infoTimer = setTimeout(() => {
        infoTimer = undefined;
        api['host.info']({}).then((info) => set((st) => ({ settings: { ...st.settings, info } })), () => undefined);
      }, 400);
    };

    async function loadAll(): Promise<void> {
      const results = await Promise.allSettled([
        api['settings.get']({}).then((view) => set((st) => ({ settings: { ...st.settings, view } }))),
        api['config.get']({}).then((config) => set((st) => ({ settings: { ...st.settings, config } }))),
        api['host.info']({}).then((info) => set((st) => ({ settings: { ...st.settings, info } }))),
        get().actions.refreshServers(),
        safety.loadSafety(),
        requests.loadRequests(),
        protocol.loadPrompts(),
        protocol.loadRoots(),
        loadInstall(),
        api['conversations.list']({}).then((summaries) => chat.onConversationsChanged({ conversations: summaries })),
      ]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) notifyError(toActionError(failed.reason).message);
      const { activeId, summaries } = get().chat;
      const pick = activeId ?? summaries[0]?.id;
      if (pick) {
        set((st) => ({ chat: { ...st.chat, activeId: pick } }));
        await chat.loadConversation(pick);
      }
    }

    return {
      servers: { loaded: false, order: [], byName: {}, logs: {}, pending: {}, actionError: {} },
      chat: { loaded: false, summaries: [], activeId: null, byId: {}, loading: {}, drafts: {}, turns: {}, sending: {}, overBudget: {}, search: { query: '', hits: null } },
      settings: { view: null, config: null, info: null },
      safety: { pending: [], grants: [], deciding: {}, decideError: {} },
      protocol: {
        prompts: {},
        resources: {},
        templates: {},
        resourceError: {},
        updated: {},
        sampling: [],
        samplingLog: [],
        samplingLimits: {},
        elicitations: [],
        elicitationsDone: [],
        answering: {},
        roots: null,
        attachments: {},
      },
      apps: { calls: {} },
      install: { firstRunOffer: null, links: [], linkError: null, bundles: [] },
      ui: { route: 'chat', selectedServer: null, editingServer: null, connection: 'open', notice: null, focusTarget: null, shortcutsOpen: false, sidebarOpenNarrow: false },
      actions: {
        start() {
          const offs = [
            api.on('servers.changed', (e) => {
              set((st) => ({
                servers: applyServersChanged(st.servers, e),
                protocol: e.kind === 'upsert' ? onServerChanged(st.protocol, e.server) : forgetServer(st.protocol, e.name),
              }));
              refreshInfoSoon();
            }),
            api.on('servers.log', onLogLine),
            api.on('config.changed', (config) => set((st) => ({ settings: { ...st.settings, config } }))),
            api.on('settings.changed', (view) => set((st) => ({ settings: { ...st.settings, view } }))),
            api.on('conversations.changed', (payload) => chat.onConversationsChanged(payload)),
            api.on('chat.event', onChatEvent),
            api.on('approvals.changed', ({ pending }) => set((st) => ({ safety: { ...st.safety, pending } }))),
            api.on('grants.changed', ({ grants }) => set((st) => ({ safety: { ...st.safety, grants } }))),
            api.on('sampling.changed', (change) => setProtocol((p) => ({ ...p, sampling: applyPendingChange(p.sampling, change) }))),
            api.on('sampling.logged', ({ entry }) => setProtocol((p) => ({ ...p, samplingLog: addLogEntry(p.samplingLog, entry) }))),
            api.on('elicitation.changed', (change) =>
              setProtocol((p) => {
                const pending = applyPendingChange(p.elicitations, change);
                return { ...p, elicitations: pending, elicitationsDone: p.elicitationsDone.filter((id) => pending.some((e) => e.mode === 'url' && e.elicitationId === id)) };
              }),
            ),
            api.on('elicitation.completed', ({ elicitationId }) => setProtocol((p) => ({ ...p, elicitationsDone: [...p.elicitationsDone, elicitationId] }))),
            api.on('resources.changed', ({ server }) => {
              if (get().protocol.resources[server] !== undefined) void protocol.loadResources(server);
            }),
            api.on('resources.updated', ({ server, uri }) => setProtocol((p) => ({ ...p, updated: { ...p.updated, [resourceKey(server, uri)]: Date.now() } }))),
            api.on('prompts.changed', ({ server }) => void protocol.loadPrompts(server)),
            api.on('roots.changed', (roots) => setProtocol((p) => ({ ...p, roots }))),
            api.on('apps.toolCall', ({ parentCallId, call }) => set((st) => ({ apps: applyAppToolCall(st.apps, parentCallId, call) }))),
            api.on('install.linkOpened', (review) => set((st) => ({ install: { ...st.install, links: mergeById(st.install.links, [review]) } }))),
            api.on('bundles.opened', (review) => set((st) => ({ install: { ...st.install, bundles: mergeById(st.install.bundles, [review]) } }))),
          ];
          void loadAll();
          return () => {
            for (const off of offs) off();
            queued = [];
            queuedLogs = new Map();
            clearTimeout(infoTimer);
          };
        },
        setConnection(connection) {
          const was = get().ui.connection;
          set((st) => ({ ui: { ...st.ui, connection } }));
          if (was === 'lost' && connection === 'open') void loadAll();
        },
        navigate(route, focusTarget = null) {
          set((st) => ({ ui: { ...st.ui, route, focusTarget, sidebarOpenNarrow: focusTarget === 'search' } }));
        },
        showShortcuts(open) {
          set((st) => ({ ui: { ...st.ui, shortcutsOpen: open } }));
        },
        toggleSidebar(narrow) {
          if (narrow) {
            set((st) => ({ ui: { ...st.ui, sidebarOpenNarrow: !st.ui.sidebarOpenNarrow } }));
            return;
          }
          const collapsed = get().settings.view?.sidebarCollapsed ?? false;
          // Show the change at once; the saved setting follows.
          set((st) => ({ settings: { ...st.settings, view: st.settings.view ? { ...st.settings.view, sidebarCollapsed: !collapsed } : null } }));
          void get().actions.updateSettings({ sidebarCollapsed: !collapsed });
        },
        consumeFocus() {
          set((st) => ({ ui: { ...st.ui, focusTarget: null } }));
        },
        dismissNotice() {
          set((st) => ({ ui: { ...st.ui, notice: null } }));
        },
        selectServer(name) {
          set((st) => ({ ui: { ...st.ui, selectedServer: name, editingServer: null, route: 'servers', sidebarOpenNarrow: false } }));
        },
        editServer(name) {
          // Adding and editing happen on the Servers page, next to the server's detail.
          set((st) => ({ ui: { ...st.ui, editingServer: name, route: name === null ? st.ui.route : 'servers', sidebarOpenNarrow: false } }));
        },
        ...serverActions(ctx),
        ...settingsActions(ctx),
        ...searchActions(ctx),
        decideTool: safety.decideTool,
        revokeGrant: safety.revokeGrant,
        approveLaunch: safety.approveLaunch,
        setTrust: safety.setTrust,
        openConversation: chat.openConversation,
        newConversation: chat.newConversation,
        ensureConversation: chat.ensureConversation,
        renameConversation: chat.renameConversation,
        deleteConversation: chat.deleteConversation,
        setDraft: chat.setDraft,
        send: chat.send,
        dismissOverBudget: chat.dismissOverBudget,
        cancel: chat.cancel,
        retry: chat.retry,
        ...protocol,
        decideSampling: requests.decideSampling,
        loadSamplingLog: requests.loadSamplingLog,
        loadSamplingLimits: requests.loadSamplingLimits,
        setSamplingLimits: requests.setSamplingLimits,
        respondElicitation: requests.respondElicitation,
        ...appActions(ctx),
        ...install,
      },
    };
  });
}
