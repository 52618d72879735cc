// Which account this conversation calls each remote server as, for servers with more than one signed-in
// account: "Default (…)" follows the server page's choice; picking one is remembered with the conversation
// (a new conversation is created first, as a send would). Shown above the composer.
import { useShallow } from 'zustand/react/shallow';
import type { ServerView } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';

function Chooser({ conversationId, server }: { conversationId: string | null; server: ServerView }) {
  const { setConversationAccount, ensureConversation } = useActions();
  const chosen = useAppStore((s) => (conversationId ? (s.chat.byId[conversationId]?.accounts?.[server.name] ?? '') : ''));
  const choose = async (account: string | null) => {
    const id = conversationId ?? (await ensureConversation());
    if (id) await setConversationAccount(id, server.name, account);
  };
  const accounts = server.auth?.accounts ?? [];
  const byDefault = accounts.find((a) => a.isDefault);
  const value = accounts.some((a) => a.id === chosen) ? chosen : '';
  return (
    <label className="account-chooser" title={`The account Claude's calls to ${server.name} run as in this conversation`}>
      <span>{server.name}</span>
      <select className="input" value={value} aria-label={`Account for ${server.name}`} onChange={(e) => void choose(e.target.value || null)}>
        <option value="">{byDefault ? `${byDefault.label} (default)` : 'Default'}</option>
        {accounts
          .filter((a) => !a.isDefault)
          .map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
      </select>
    </label>
  );
}

export function AccountChooser({ conversationId }: { conversationId: string | null }) {
  const names = useAppStore(
    useShallow((s) => s.servers.order.filter((n) => (s.servers.byName[n]?.auth?.accounts?.length ?? 0) > 1 && !s.servers.byName[n]?.disabled)),
  );
  const servers = useAppStore(useShallow((s) => names.map((n) => s.servers.byName[n]!)));
  if (servers.length === 0) return null;
  return (
    <div className="account-choosers" role="group" aria-label="Accounts in this conversation">
      <span className="account-choosers-title">Calls as</span>
      {servers.map((server) => (
        <Chooser key={server.name} conversationId={conversationId} server={server} />
      ))}
    </div>
  );
}
