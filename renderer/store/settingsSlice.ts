// The settings slice: the model, base URL, API key and token limit (the key itself never comes back),
// the config file's problems, and what the host says about itself.
import type { ConfigView, HostInfo, SettingsView } from '../../app/api/index.ts';
import type { MethodParams } from '../../app/api/schemas.ts';
import type { ActionError } from './appState.ts';
import { toActionError } from './actionError.ts';
import type { SliceContext } from './sliceTools.ts';

export interface SettingsSlice {
  view: SettingsView | null;
  config: ConfigView | null;
  info: HostInfo | null;
}

export const initialSettings: SettingsSlice = { view: null, config: null, info: null };

export interface SettingsActions {
  updateSettings(patch: MethodParams<'settings.update'>): Promise<ActionError | null>;
  /** Web mode: a one-time link that signs in another tab or browser. */
  newSignInLink(): Promise<{ url: string; expiresAt: number } | ActionError>;
}

export function settingsSlice({ api, set }: SliceContext) {
  let infoTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshInfoSoon = () => {
    if (infoTimer !== undefined) return;
    infoTimer = setTimeout(() => {
      infoTimer = undefined;
      api['host.info']({}).then(
        (info) => set((st) => ({ settings: { ...st.settings, info } })),
        () => undefined,
      );
    }, 400);
  };
  const actions: SettingsActions = {
    async updateSettings(patch) {
      try {
        const view = await api['settings.update'](patch);
        set((st) => ({ settings: { ...st.settings, view } }));
        return null;
      } catch (error) {
        return toActionError(error);
      }
    },
    async newSignInLink() {
      try {
        return await api['host.newSignInLink']({});
      } catch (error) {
        return toActionError(error);
      }
    },
  };
  return {
    actions,
    /** The three loads, each settled on its own by the caller. */
    load: (): Promise<void>[] => [
      api['settings.get']({}).then((view) => set((st) => ({ settings: { ...st.settings, view } }))),
      api['config.get']({}).then((config) => set((st) => ({ settings: { ...st.settings, config } }))),
      api['host.info']({}).then((info) => set((st) => ({ settings: { ...st.settings, info } }))),
    ],
    /** Re-reads host info (its tool budget) shortly after servers change, once per burst. */
    refreshInfoSoon,
    subscribe: (): (() => void)[] => [
      api.on('config.changed', (config) => set((st) => ({ settings: { ...st.settings, config } }))),
      api.on('settings.changed', (view) => {
        set((st) => ({ settings: { ...st.settings, view } }));
        // Tool search and pinned tools change what the tool counter says.
        refreshInfoSoon();
      }),
    ],
    stop() {
      clearTimeout(infoTimer);
    },
  };
}
