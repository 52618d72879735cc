// Which account this conversation calls each remote server as, for servers with more than one signed-in
// account: "Default (…)" follows the server page's choice; picking one is remembered with the conversation.
import { useShallow } from 'zustand/react/shallow';
import type { ServerView } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';

function Chooser({ conversationId, server }: { conversationId: string; server: ServerView }) {
  const { setConversationAccount } = useActions();
  const chosen = useAppStore((s) => s.chat.byId[conversationId]?.accounts?.[server.name] ?? '');
  const accounts = server.auth?.accounts ?? [];
  const byDefault = accounts.find((a) => a.isDefault);
  const value = accounts.some((a) => a.id === chosen) ? chosen : '';
  return (
    <label className="account-chooser" title={`The account Claude's calls to ${server.name} run as in this conversation`}>
      <span>{server.name} as</span>
      <select
        className="input"
        value={value}
        aria-label={`Account for ${server.name}`}
        onChange={(e) => void setConversationAccount(conversationId, server.name, e.target.value || null)}
      >
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

export function AccountChooser({ conversationId }: { conversationId: string }) {
  const names = useAppStore(
    useShallow((s) => s.servers.order.filter((n) => (s.servers.byName[n]?.auth?.accounts?.length ?? 0) > 1 && !s.servers.byName[n]?.disabled)),
  );
  const servers = useAppStore(useShallow((s) => names.map((n) => s.servers.byName[n]!)));
  if (servers.length === 0) return null;
  return (
    <span className="account-choosers" aria-label="Accounts in this conversation">
      {servers.map((server) => (
        <Chooser key={server.name} conversationId={conversationId} server={server} />
      ))}
    </span>
  );
}
