// The chat slice: conversations, drafts, turns and the sidebar's search; its actions, and how
// chat.event / conversations.changed events land in the store.
import { assertNever } from '../../app/api/errors.ts';
import type { ApiErrorView, ChatEvent, ConversationSearchHit, ConversationSummary, ConversationView, HostEvents, TurnOutcome } from '../../app/api/index.ts';
import type { ActionError } from './appState.ts';
import { toActionError } from './actionError.ts';
import { applyChatEvent, lastAssistantHasError } from './chatReducer.ts';
import { omitKey, patchRecord, type SliceContext } from './sliceTools.ts';

const NEW_DRAFT = '';

export interface TurnState {
  running: boolean;
  turnId?: string;
  retrying?: { attempt: number; retryAt: number; reason: string } | undefined;
  /** The last turn's failure when it is not already on an assistant message. */
  error?: ApiErrorView | undefined;
  outcome?: TurnOutcome;
}

export interface ChatSlice {
  loaded: boolean;
  summaries: ConversationSummary[];
  activeId: string | null;
  byId: Record<string, ConversationView | undefined>;
  loading: Record<string, boolean | undefined>;
  /** Composer text per conversation (`''` key: not yet created). Cleared only when a send succeeds. */
  drafts: Record<string, string>;
  turns: Record<string, TurnState | undefined>;
  sending: Record<string, boolean | undefined>;
  /** The host refused to send because too many tools are enabled: the person chooses what to do. */
  overBudget: Record<string, { message: string; /** The refused action was a retry, not a send. */ retry: boolean } | undefined>;
  /** The sidebar's search: empty query = no search; `hits` null while the first answer is on its way. */
  search: { query: string; hits: ConversationSearchHit[] | null; error?: string };
}

export const initialChat: ChatSlice = {
  loaded: false,
  summaries: [],
  activeId: null,
  byId: {},
  loading: {},
  drafts: {},
  turns: {},
  sending: {},
  overBudget: {},
  search: { query: '', hits: null },
};

export interface ChatActions {
  openConversation(id: string): Promise<void>;
  newConversation(): Promise<void>;
  /** The open conversation's id, creating it first when the composer is a new one (shared with a send under way). */
  ensureConversation(): Promise<string | null>;
  renameConversation(id: string, title: string): Promise<ActionError | null>;
  deleteConversation(id: string): Promise<void>;
  setDraft(conversationId: string | null, text: string): void;
  /** Sends the draft; `overToolBudget` is the person's choice after the tool-budget warning. */
  send(opts?: { overToolBudget?: 'send-anyway' }): Promise<void>;
  dismissOverBudget(conversationId: string): void;
  cancel(): Promise<void>;
  retry(opts?: { overToolBudget?: 'send-anyway' }): Promise<void>;
  /** Searches conversations by title and content; an empty query ends the search. */
  searchConversations(query: string): Promise<void>;
}

/** `onChatEvent` is the composition's frame batcher (text deltas land once per frame). */
export function subscribeChat(
  { api }: SliceContext,
  chat: { onConversationsChanged(payload: HostEvents['conversations.changed']): void },
  onChatEvent: (event: ChatEvent) => void,
): (() => void)[] {
  return [api.on('conversations.changed', (payload) => chat.onConversationsChanged(payload)), api.on('chat.event', onChatEvent)];
}

export function applyChatEventToSlice(chat: ChatSlice, event: ChatEvent): ChatSlice {
  const id = event.conversationId;
  const conversation = chat.byId[id];
  const next = conversation ? applyChatEvent(conversation, event) : undefined;
  const turn: TurnState = chat.turns[id] ?? { running: false };
  let nextTurn: TurnState = turn;
  switch (event.type) {
    case 'turn.started':
      nextTurn = { running: true, turnId: event.turnId };
      break;
    case 'turn.retrying':
      nextTurn = { ...turn, running: true, retrying: { attempt: event.attempt, retryAt: event.retryAt, reason: event.reason } };
      break;
    case 'message.started':
    case 'text.delta':
    case 'tool.updated':
      if (turn.retrying) nextTurn = { ...turn, retrying: undefined };
      break;
    case 'message.finished':
      break;
    case 'turn.finished': {
      const shown = next ? lastAssistantHasError(next) : false;
      nextTurn = { running: false, turnId: event.turnId, outcome: event.outcome, error: shown ? undefined : event.error };
      break;
    }
    default:
      assertNever(event);
  }
  if (next === conversation && nextTurn === turn) return chat;
  return {
    ...chat,
    byId: next && next !== conversation ? patchRecord(chat.byId, id, next) : chat.byId,
    turns: nextTurn !== turn ? patchRecord(chat.turns, id, nextTurn) : chat.turns,
  };
}

export function applySummaries(chat: ChatSlice, summaries: ConversationSummary[]): ChatSlice {
  const ids = new Set(summaries.map((s) => s.id));
  const activeId = chat.activeId && ids.has(chat.activeId) ? chat.activeId : chat.activeId && chat.byId[chat.activeId] ? chat.activeId : null;
  const byId = { ...chat.byId };
  for (const summary of summaries) {
    const c = byId[summary.id];
    if (c && c.title !== summary.title) byId[summary.id] = { ...c, title: summary.title };
  }
  return { ...chat, loaded: true, summaries, activeId, byId };
}

export function chatActions({ api, set, get, notifyError }: SliceContext): ChatActions & {
  onConversationsChanged(payload: HostEvents['conversations.changed']): void;
  loadConversation(id: string): Promise<void>;
} {
  const setChat = (change: (c: ChatSlice) => ChatSlice) => set((st) => ({ chat: change(st.chat) }));
  /** Loads in flight: a send to a conversation still loading waits for it, so its events land on the loaded view. */
  const loads = new Map<string, Promise<void>>();
  /** The conversation a first send is creating: a second send waits for it instead of creating another. */
  let creating: Promise<string | null> | undefined;

  function load(id: string): Promise<void> {
    const running = loads.get(id) ?? loadOnce(id).finally(() => loads.delete(id));
    loads.set(id, running);
    return running;
  }

  async function loadOnce(id: string): Promise<void> {
    setChat((c) => ({ ...c, loading: patchRecord(c.loading, id, true) }));
    try {
      const view = await api['conversations.get']({ id });
      setChat((c) => ({
        ...c,
        byId: patchRecord(c.byId, id, view),
        turns: patchRecord(c.turns, id, { ...(c.turns[id] ?? {}), running: view.busy }),
      }));
    } catch (error) {
      notifyError(toActionError(error).message);
      setChat((c) => (c.activeId === id ? { ...c, activeId: null } : c));
    } finally {
      setChat((c) => ({ ...c, loading: patchRecord(c.loading, id, false) }));
    }
  }

  function moveAttachments(id: string): void {
    set((st) => {
      const list = st.protocol.attachments[NEW_DRAFT];
      if (!list?.length) return {};
      return { protocol: { ...st.protocol, attachments: omitKey(patchRecord(st.protocol.attachments, id, list), NEW_DRAFT) } };
    });
  }

  /** Creates a conversation; it becomes the active one unless the person has opened another meanwhile. */
  async function create(): Promise<string | null> {
    try {
      const summary = await api['conversations.create']({});
      setChat((c) => ({
        ...c,
        summaries: c.summaries.some((s) => s.id === summary.id) ? c.summaries : [summary, ...c.summaries],
        byId: patchRecord(c.byId, summary.id, { ...summary, messages: [], busy: false }),
        activeId: c.activeId === null ? summary.id : c.activeId,
      }));
      return summary.id;
    } catch (error) {
      notifyError(toActionError(error).message);
      return null;
    }
  }

  async function ensureCreated(): Promise<string | null> {
    if (!creating) creating = create().finally(() => (creating = undefined));
    return creating;
  }

  return {
    loadConversation: load,
    async ensureConversation() {
      return get().chat.activeId ?? (await ensureCreated());
    },
    onConversationsChanged({ conversations }) {
      setChat((c) => applySummaries(c, conversations));
    },
    async openConversation(id) {
      setChat((c) => ({ ...c, activeId: id }));
      set((st) => ({ ui: { ...st.ui, route: 'chat', sidebarOpenNarrow: false } }));
      if (!get().chat.byId[id]) await load(id);
    },
    // Synchronous on purpose: the composer is the new conversation's at once, and the conversation itself
    // is created by the first send. Awaiting a create here let a quick send land in the old one.
    async newConversation() {
      // A new conversation ends a search, so it shows in the list.
      set((st) => ({ ui: { ...st.ui, route: 'chat', sidebarOpenNarrow: false }, chat: { ...st.chat, search: { query: '', hits: null } } }));
      const current = get().chat.activeId ? get().chat.byId[get().chat.activeId!] : undefined;
      if (current && current.messages.length === 0 && !get().chat.turns[current.id]?.running) return;
      setChat((c) => ({ ...c, activeId: null }));
      await Promise.resolve();
    },
    async renameConversation(id, title) {
      try {
        const summary = await api['conversations.rename']({ id, title });
        setChat((c) =>
          applySummaries(
            c,
            c.summaries.map((s) => (s.id === id ? summary : s)),
          ),
        );
        return null;
      } catch (error) {
        return toActionError(error);
      }
    },
    async deleteConversation(id) {
      try {
        await api['conversations.delete']({ id });
        setChat((c) => {
          const summaries = c.summaries.filter((s) => s.id !== id);
          return {
            ...c,
            summaries,
            byId: omitKey(c.byId, id),
            drafts: omitKey(c.drafts, id),
            turns: omitKey(c.turns, id),
            activeId: c.activeId === id ? (summaries[0]?.id ?? null) : c.activeId,
          };
        });
        const active = get().chat.activeId;
        if (active && !get().chat.byId[active]) await load(active);
      } catch (error) {
        notifyError(toActionError(error).message);
      }
    },
    setDraft(conversationId, text) {
      setChat((c) => ({ ...c, drafts: patchRecord(c.drafts, conversationId ?? NEW_DRAFT, text) }));
    },
    dismissOverBudget(conversationId) {
      setChat((c) => ({ ...c, overBudget: omitKey(c.overBudget, conversationId) }));
    },
    async send(opts = {}) {
      const chat = get().chat;
      let draftKey = chat.activeId ?? NEW_DRAFT;
      const text = chat.drafts[draftKey] ?? '';
      if (!text.trim()) return;
      if (chat.activeId && (chat.turns[chat.activeId]?.running || chat.sending[chat.activeId])) return;
      let id = chat.activeId;
      if (!id) {
        if (creating) return;
        id = await ensureCreated();
        if (!id) return;
        // Whatever is in the new-conversation box now (the person may have typed on) moves with it.
        setChat((c) => ({ ...c, drafts: omitKey(patchRecord(c.drafts, id!, c.drafts[NEW_DRAFT] ?? text), NEW_DRAFT) }));
        moveAttachments(id);
        draftKey = id;
      } else if (loads.has(id)) {
        await loads.get(id);
      }
      const conversationId = id;
      setChat((c) => ({
        ...c,
        sending: patchRecord(c.sending, conversationId, true),
        turns: patchRecord(c.turns, conversationId, { running: c.turns[conversationId]?.running ?? false }),
      }));
      try {
        const attached = get().protocol.attachments[draftKey] ?? [];
        const attachments = attached.map((a) => ({ server: a.server, uri: a.uri }));
        const { turnId } = await api['chat.send']({
          conversationId,
          text,
          ...(attachments.length ? { attachments } : {}),
          ...(opts.overToolBudget ? { overToolBudget: opts.overToolBudget } : {}),
        });
        setChat((c) => ({
          ...c,
          overBudget: omitKey(c.overBudget, conversationId),
          drafts: c.drafts[conversationId] === text ? patchRecord(c.drafts, conversationId, '') : c.drafts,
          turns: patchRecord(c.turns, conversationId, { ...(c.turns[conversationId] ?? {}), running: true, turnId }),
        }));
        if (attached.length) {
          set((st) => ({ protocol: { ...st.protocol, attachments: omitKey(st.protocol.attachments, conversationId) } }));
        }
      } catch (error) {
        const e = toActionError(error);
        if (e.code === 'over-tool-budget') {
          setChat((c) => ({ ...c, overBudget: patchRecord(c.overBudget, conversationId, { message: e.message, retry: false }) }));
          return;
        }
        setChat((c) => ({
          ...c,
          turns: patchRecord(c.turns, conversationId, { running: false, error: { kind: 'unknown', message: e.message } }),
        }));
      } finally {
        setChat((c) => ({ ...c, sending: patchRecord(c.sending, conversationId, false) }));
      }
    },
    async cancel() {
      const id = get().chat.activeId;
      if (!id) return;
      try {
        await api['chat.cancel']({ conversationId: id });
      } catch (error) {
        notifyError(toActionError(error).message);
      }
    },
    async retry(opts = {}) {
      const id = get().chat.activeId;
      if (!id) return;
      setChat((c) => ({ ...c, turns: patchRecord(c.turns, id, { running: true }) }));
      try {
        const { turnId } = await api['chat.retry']({ conversationId: id, ...(opts.overToolBudget ? { overToolBudget: opts.overToolBudget } : {}) });
        setChat((c) => ({
          ...c,
          overBudget: omitKey(c.overBudget, id),
          turns: patchRecord(c.turns, id, { ...(c.turns[id] ?? {}), running: true, turnId }),
        }));
      } catch (error) {
        const e = toActionError(error);
        if (e.code === 'over-tool-budget') {
          setChat((c) => ({
            ...c,
            overBudget: patchRecord(c.overBudget, id, { message: e.message, retry: true }),
            turns: patchRecord(c.turns, id, { ...(c.turns[id] ?? {}), running: false }),
          }));
          return;
        }
        setChat((c) => ({ ...c, turns: patchRecord(c.turns, id, { running: false, error: { kind: 'unknown', message: e.message } }) }));
      }
    },
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
