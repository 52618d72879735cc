// Settings actions: the model, base URL, API key and token limit. The key itself never comes back.
import type { AppActions } from './appState.ts';
import { toActionError } from './actionError.ts';
import type { SliceContext } from './sliceTools.ts';

export function settingsActions({ api, set }: SliceContext): Pick<AppActions, 'updateSettings' | 'newSignInLink'> {
  return {
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
}
