// The servers slice: every configured server, its log, and the actions on it; with the reducers for
// servers.changed / servers.log events.
import type { HostEvents, ImportResult, LogLine, ServerView, SignInStart } from '../../app/api/index.ts';
import type { MethodParams } from '../../app/api/schemas.ts';
import type { ActionError } from './appState.ts';
import type { ProtocolSlice } from './protocolSlice.ts';
import { toActionError } from './actionError.ts';
import { omitKey, patchRecord, type SliceContext } from './sliceTools.ts';

export const MAX_LOG_LINES = 2000;

export interface ServersSlice {
  loaded: boolean;
  order: string[];
  byName: Record<string, ServerView>;
  /** The last MAX_LOG_LINES lines per server, oldest first. */
  logs: Record<string, LogLine[]>;
  /** Actions in flight per server, e.g. `restart`, so buttons can show progress. */
  pending: Record<string, string | undefined>;
  actionError: Record<string, ActionError | undefined>;
}

export const initialServers: ServersSlice = { loaded: false, order: [], byName: {}, logs: {}, pending: {}, actionError: {} };

export type UpsertServerParams = MethodParams<'servers.upsert'>;

export interface ServersActions {
  refreshServers(): Promise<void>;
  loadLogs(name: string): Promise<void>;
  startServer(name: string): Promise<void>;
  stopServer(name: string): Promise<void>;
  restartServer(name: string): Promise<void>;
  /** Starts OAuth sign-in; the caller opens the returned URL (a new tab) unless the host already did. */
  signIn(name: string): Promise<SignInStart | null>;
  /** Forgets the server's tokens; it returns to "needs sign-in". */
  signOut(name: string): Promise<void>;
  /** Stores (null: forgets) the OAuth client secret or key the server's config names; it reconnects. */
  setClientSecret(name: string, value: string | null): Promise<void>;
  setServerDisabled(name: string, disabled: boolean): Promise<void>;
  setToolEnabled(name: string, tool: string, enabled: boolean): Promise<void>;
  /** Moves the server's secrets still written in config.json into the secret store. Resolves to null on success, or the error for its callout. */
  moveInlineSecrets(name: string): Promise<ActionError | null>;
  /** Resolves to null on success, or the error with field issues for the form. */
  upsertServer(params: UpsertServerParams): Promise<ActionError | null>;
  removeServer(name: string): Promise<ActionError | null>;
  importServers(json: string): Promise<ImportResult | ActionError>;
}

export interface ServersHooks {
  /** The composition's frame batcher for log lines. */
  onLogLine(event: HostEvents['servers.log']): void;
  /** What a server change does to the protocol slice, applied in the same update. */
  protocolOnChange(protocol: ProtocolSlice, event: HostEvents['servers.changed']): ProtocolSlice;
  /** Re-reads what depends on the server list (the tool budget). */
  afterChange(): void;
}

export function subscribeServers({ api, set }: SliceContext, hooks: ServersHooks): (() => void)[] {
  return [
    api.on('servers.changed', (e) => {
      set((st) => ({ servers: applyServersChanged(st.servers, e), protocol: hooks.protocolOnChange(st.protocol, e) }));
      hooks.afterChange();
    }),
    api.on('servers.log', (e) => hooks.onLogLine(e)),
  ];
}

export function applyServersChanged(slice: ServersSlice, event: HostEvents['servers.changed']): ServersSlice {
  if (event.kind === 'removed') {
    if (!(event.server in slice.byName)) return slice;
    return {
      ...slice,
      order: slice.order.filter((n) => n !== event.server),
      byName: omitKey(slice.byName, event.server),
      logs: omitKey(slice.logs, event.server),
    };
  }
  const view = event.view;
  const known = view.name in slice.byName;
  return {
    ...slice,
    order: known ? slice.order : [...slice.order, view.name],
    byName: patchRecord(slice.byName, view.name, view),
  };
}

export function newer(current: ServerView | undefined, incoming: ServerView): ServerView {
  if (!current) return incoming;
  const since = (v: ServerView) => ('since' in v.state ? v.state.since : 0);
  return since(current) > since(incoming) ? { ...incoming, state: current.state, tools: current.tools } : incoming;
}

/** Appends a batch of lines, keeping only the newest MAX_LOG_LINES. */
export function appendLogs(slice: ServersSlice, name: string, lines: LogLine[]): ServersSlice {
  if (lines.length === 0) return slice;
  const current = slice.logs[name] ?? [];
  const next = current.concat(lines);
  return { ...slice, logs: patchRecord(slice.logs, name, next.length > MAX_LOG_LINES ? next.slice(-MAX_LOG_LINES) : next) };
}

export function replaceServers(slice: ServersSlice, list: ServerView[]): ServersSlice {
  const byName: Record<string, ServerView> = {};
  for (const s of list) byName[s.name] = s;
  return { ...slice, loaded: true, order: list.map((s) => s.name), byName };
}

export function serverActions({ api, set, get }: SliceContext): ServersActions {
  const setServers = (change: (s: ServersSlice) => ServersSlice) => set((st) => ({ servers: change(st.servers) }));
  /** An action's answer can be older than an event that already arrived: keep the newer state. */
  const applyView = (view: ServerView) => setServers((s) => applyServersChanged(s, { kind: 'upsert', view: newer(s.byName[view.name], view) }));

  async function run(name: string, label: string, call: () => Promise<ServerView>): Promise<void> {
    setServers((s) => ({ ...s, pending: patchRecord(s.pending, name, label), actionError: patchRecord(s.actionError, name, undefined) }));
    try {
      applyView(await call());
    } catch (error) {
      setServers((s) => ({ ...s, actionError: patchRecord(s.actionError, name, toActionError(error)) }));
    } finally {
      setServers((s) => ({ ...s, pending: patchRecord(s.pending, name, undefined) }));
    }
  }

  return {
    async refreshServers() {
      try {
        const list = await api['servers.list']({});
        setServers((s) => replaceServers(s, list));
      } catch (error) {
        set((st) => ({ ui: { ...st.ui, notice: { kind: 'error', text: toActionError(error).message } } }));
      }
    },
    async loadLogs(name) {
      try {
        const lines = await api['servers.logs']({ server: name });
        setServers((s) => ({ ...s, logs: patchRecord(s.logs, name, lines.slice(-MAX_LOG_LINES)) }));
      } catch {
        /* the log view stays with the live lines it has */
      }
    },
    startServer: (name) => run(name, 'start', () => api['servers.start']({ server: name })),
    stopServer: (name) => run(name, 'stop', () => api['servers.stop']({ server: name })),
    restartServer: (name) => run(name, 'restart', () => api['servers.restart']({ server: name })),
    async signIn(name): Promise<SignInStart | null> {
      setServers((s) => ({ ...s, pending: patchRecord(s.pending, name, 'sign-in'), actionError: patchRecord(s.actionError, name, undefined) }));
      try {
        return await api['servers.signIn']({ server: name });
      } catch (error) {
        setServers((s) => ({ ...s, actionError: patchRecord(s.actionError, name, toActionError(error)) }));
        return null;
      } finally {
        setServers((s) => ({ ...s, pending: patchRecord(s.pending, name, undefined) }));
      }
    },
    signOut: (name) => run(name, 'sign-out', () => api['servers.signOut']({ server: name })),
    setClientSecret: (name, value) => run(name, 'client secret', () => api['servers.setClientSecret']({ server: name, value })),
    setServerDisabled: (name, disabled) => run(name, disabled ? 'disable' : 'enable', () => api['servers.setDisabled']({ server: name, disabled })),
    setToolEnabled: (name, tool, enabled) => run(name, 'tool', () => api['servers.setToolEnabled']({ server: name, tool, enabled })),
    async moveInlineSecrets(name): Promise<ActionError | null> {
      setServers((s) => ({ ...s, pending: patchRecord(s.pending, name, 'moving secrets') }));
      try {
        applyView(await api['servers.moveInlineSecrets']({ server: name }));
        return null;
      } catch (error) {
        return toActionError(error);
      } finally {
        setServers((s) => ({ ...s, pending: patchRecord(s.pending, name, undefined) }));
      }
    },
    async upsertServer(params): Promise<ActionError | null> {
      try {
        const view = await api['servers.upsert'](params);
        if (params.previousName && params.previousName !== view.name) {
          setServers((s) => applyServersChanged(s, { kind: 'removed', server: params.previousName! }));
        }
        applyView(view);
        set((st) => ({ ui: { ...st.ui, selectedServer: view.name } }));
        return null;
      } catch (error) {
        return toActionError(error);
      }
    },
    async removeServer(name) {
      try {
        await api['servers.remove']({ server: name });
        setServers((s) => applyServersChanged(s, { kind: 'removed', server: name }));
        const ui = get().ui;
        if (ui.selectedServer === name || ui.editingServer === name) {
          set((st) => ({ ui: { ...st.ui, selectedServer: null, editingServer: null } }));
        }
        return null;
      } catch (error) {
        return toActionError(error);
      }
    },
    async importServers(json): Promise<ImportResult | ActionError> {
      try {
        const result = await api['servers.import']({ json });
        void get().actions.refreshServers();
        return result;
      } catch (error) {
        return toActionError(error);
      }
    },
  };
}
