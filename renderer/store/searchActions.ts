// Searching conversations from the sidebar: the core searches its store; only the latest query's answer lands.
import type { AppActions } from './appState.ts';
import { toActionError } from './actionError.ts';
import type { SliceContext } from './sliceTools.ts';

export function searchActions({ api, set, get }: SliceContext): Pick<AppActions, 'searchConversations'> {
  return {
    async searchConversations(query) {
      const trimmed = query.trim();
      set((st) => ({ chat: { ...st.chat, search: { query, hits: trimmed ? st.chat.search.hits : null } } }));
      if (!trimmed) return;
      try {
        const hits = await api['conversations.search']({ query: trimmed });
        if (get().chat.search.query !== query) return;
        set((st) => ({ chat: { ...st.chat, search: { query, hits } } }));
      } catch (error) {
        if (get().chat.search.query !== query) return;
        set((st) => ({ chat: { ...st.chat, search: { query, hits: [], error: toActionError(error).message } } }));
      }
    },
  };
}
