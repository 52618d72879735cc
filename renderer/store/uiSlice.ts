// The ui slice: which page is open, the selected and edited server, the host link, the one notice,
// focus requests, the shortcuts sheet and the narrow-window sidebar.
import type { SliceContext } from './sliceTools.ts';

export type Route = 'chat' | 'servers' | 'tasks' | 'settings';
/** Whether the window reaches the host: the transport's ConnectionStatus, as the UI needs it. */
export type HostLink = 'open' | 'lost' | 'signed-out';

export interface UiSlice {
  route: Route;
  selectedServer: string | null;
  /** `'new'` while adding a server in Settings, a name while editing one. */
  editingServer: string | null;
  connection: HostLink;
  /** A short note for the person, e.g. a failed action not tied to a field. */
  notice: { kind: 'error' | 'info'; text: string } | null;
  /** Asks a pane to focus a control once, e.g. `api-key` after "add your key", `composer`, `search`. */
  focusTarget: string | null;
  shortcutsOpen: boolean;
  /** On a narrow window the sidebar is hidden unless the person opened it (not remembered). */
  sidebarOpenNarrow: boolean;
}

export const initialUi: UiSlice = {
  route: 'chat',
  selectedServer: null,
  editingServer: null,
  connection: 'open',
  notice: null,
  focusTarget: null,
  shortcutsOpen: false,
  sidebarOpenNarrow: false,
};

export interface UiActions {
  navigate(route: Route, focusTarget?: string | null): void;
  consumeFocus(): void;
  dismissNotice(): void;
  showShortcuts(open: boolean): void;
  /** Shows or hides the sidebar: remembered in Settings on a wide window, for now on a narrow one. */
  toggleSidebar(narrow: boolean): void;
  selectServer(name: string | null): void;
  editServer(name: string | null): void;
}

export function uiActions({ set, get }: SliceContext): UiActions {
  return {
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
  };
}
