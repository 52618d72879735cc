// Several accounts per remote server: add one (a sign-in beside the others), rename, sign one out, pick the
// server entry's default, and pick the account a conversation calls a server as.
import type { ServerView, SignInStart } from '../../app/api/index.ts';
import type { ActionError } from './appState.ts';
import { toActionError } from './actionError.ts';
import { applyServersChanged, newer, type ServersSlice } from './serversSlice.ts';
import { patchRecord, type SliceContext } from './sliceTools.ts';

export interface AccountActions {
  /** Starts a sign-in for one more account (`'new'`) or again for one whose sign-in expired; the caller opens the URL unless the host already did. */
  signInAccount(name: string, account: string): Promise<SignInStart | null>;
  signOutAccount(name: string, account: string): Promise<void>;
  /** Resolves to null on success, or the error for the field. */
  renameAccount(name: string, account: string, label: string): Promise<ActionError | null>;
  setDefaultAccount(name: string, account: string): Promise<void>;
  /** `null`: the conversation goes back to the server's default account. */
  setConversationAccount(conversationId: string, server: string, account: string | null): Promise<void>;
}

export function accountActions({ api, set, notifyError }: SliceContext): AccountActions {
  const setServers = (change: (s: ServersSlice) => ServersSlice) => set((st) => ({ servers: change(st.servers) }));
  /** Runs one server action, marked pending; its answer is applied, its failure shown on the server's page. */
  async function run<T>(name: string, label: string, call: () => Promise<T>, view: (result: T) => ServerView | undefined): Promise<T | ActionError> {
    setServers((s) => ({ ...s, pending: patchRecord(s.pending, name, label), actionError: patchRecord(s.actionError, name, undefined) }));
    try {
      const result = await call();
      const v = view(result);
      if (v) setServers((s) => applyServersChanged(s, { kind: 'upsert', view: newer(s.byName[v.name], v) }));
      return result;
    } catch (error) {
      const problem = toActionError(error);
      setServers((s) => ({ ...s, actionError: patchRecord(s.actionError, name, problem) }));
      return problem;
    } finally {
      setServers((s) => ({ ...s, pending: patchRecord(s.pending, name, undefined) }));
    }
  }
  const isError = (v: unknown): v is ActionError => typeof v === 'object' && v !== null && 'message' in v;

  return {
    async signInAccount(name, account) {
      const start = await run(
        name,
        'sign-in',
        () => api['servers.signIn']({ server: name, account }),
        () => undefined,
      );
      return isError(start) ? null : start;
    },
    async signOutAccount(name, account) {
      await run(
        name,
        'sign-out',
        () => api['servers.signOut']({ server: name, account }),
        (v) => v,
      );
    },
    async renameAccount(name, account, label) {
      const done = await run(
        name,
        'rename',
        () => api['servers.renameAccount']({ server: name, account, label }),
        (v) => v,
      );
      return isError(done) ? done : null;
    },
    async setDefaultAccount(name, account) {
      await run(
        name,
        'default account',
        () => api['servers.setDefaultAccount']({ server: name, account }),
        (v) => v,
      );
    },
    async setConversationAccount(conversationId, server, account) {
      try {
        const { accounts } = await api['conversations.setAccount']({ conversationId, server, account });
        set((st) => {
          const c = st.chat.byId[conversationId];
          return c ? { chat: { ...st.chat, byId: { ...st.chat.byId, [conversationId]: { ...c, accounts } } } } : {};
        });
      } catch (error) {
        notifyError(toActionError(error).message);
      }
    },
  };
}
