// The shape of the renderer's one store, composed from its slices: each slice's state type, initial value,
// actions and event subscriptions live in its own file (serversSlice, chatSlice, safetySlice, settingsSlice,
// protocolSlice, appsSlice, installSlice, uiSlice); createAppStore.ts puts them together.
import type { AccountActions } from './accountActions.ts';
import type { AppsActions, AppsSlice } from './appsSlice.ts';
import type { ChatActions, ChatSlice } from './chatSlice.ts';
import type { InstallActions, InstallSlice } from './installSlice.ts';
import type { ProtocolActions, ProtocolSlice } from './protocolSlice.ts';
import type { SafetyActions, SafetySlice } from './safetySlice.ts';
import type { ServersActions, ServersSlice } from './serversSlice.ts';
import type { SettingsActions, SettingsSlice } from './settingsSlice.ts';
import type { TasksActions } from './tasksSlice.ts';
import type { HostLink, UiActions, UiSlice } from './uiSlice.ts';

export type { AppsSlice } from './appsSlice.ts';
export type { ChatSlice, TurnState } from './chatSlice.ts';
export type { InstallSlice } from './installSlice.ts';
export type { CompleteParams, ProtocolSlice } from './protocolSlice.ts';
export type { SafetySlice } from './safetySlice.ts';
export type { ServersSlice, UpsertServerParams } from './serversSlice.ts';
export type { SettingsSlice } from './settingsSlice.ts';
export type { HostLink, Route, UiSlice } from './uiSlice.ts';
export { MAX_LOG_LINES } from './serversSlice.ts';

/** A failure of a store action, for a person; `issues` carry field paths like `entry.url`. */
export interface ActionError {
  message: string;
  code?: string;
  issues?: { path: string; message: string }[];
}

/** The store's own life: createAppStore implements these, over every slice. */
export interface LifecycleActions {
  /** Subscribes to host events and loads everything. Returns its stop. */
  start(): () => void;
  setConnection(status: HostLink): void;
}

export interface AppActions
  extends
    LifecycleActions,
    UiActions,
    ServersActions,
    AccountActions,
    SafetyActions,
    SettingsActions,
    ChatActions,
    ProtocolActions,
    AppsActions,
    InstallActions,
    TasksActions {}

export interface AppState {
  servers: ServersSlice;
  chat: ChatSlice;
  settings: SettingsSlice;
  safety: SafetySlice;
  protocol: ProtocolSlice;
  apps: AppsSlice;
  install: InstallSlice;
  ui: UiSlice;
  actions: AppActions;
}
