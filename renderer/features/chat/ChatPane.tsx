// The chat page: the open conversation (or what to do first), its messages and the composer.
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { statusOf } from '../servers/serverStatus.ts';
import { Composer } from './Composer.tsx';
import { AccountChooser } from './AccountChooser.tsx';
import { ConversationHeader } from './ConversationHeader.tsx';
import { MessageList } from './MessageList.tsx';
import { TurnFooter } from './TurnFooter.tsx';

/** Counts for the empty chat: servers ready to use, and servers that wait for the person. */
function useServerCounts(): { ready: number; waiting: number; firstWaiting: string | null; total: number } {
  const key = useAppStore((s) => {
    let ready = 0;
    let waiting = 0;
    let firstWaiting = '';
    for (const name of s.servers.order) {
      const server = s.servers.byName[name]!;
      if (server.disabled) continue;
      const status = statusOf(server);
      if (status === 'ready') ready++;
      const needsSignIn = server.state.kind === 'error' && server.state.needsAuth === true;
      if (status === 'needs approval' || needsSignIn) {
        waiting++;
        firstWaiting ||= name;
      }
    }
    return `${ready}|${waiting}|${s.servers.order.length}|${firstWaiting}`;
  });
  const [ready, waiting, total, firstWaiting] = key.split('|') as [string, string, string, string];
  return { ready: Number(ready), waiting: Number(waiting), total: Number(total), firstWaiting: firstWaiting || null };
}

function serversLine(ready: number): string {
  if (ready === 0) return 'None of your servers is ready yet, so Claude has no tools for now.';
  return `Claude can use the tools of your ${ready === 1 ? 'ready server' : `${ready} ready servers`}, and every call shows up as a card.`;
}

function StartHints() {
  const keyMissing = useAppStore((s) => s.settings.view !== null && !s.settings.view.apiKeySet);
  const { ready, waiting, total, firstWaiting } = useServerCounts();
  const { navigate, editServer, selectServer } = useActions();
  if (keyMissing) {
    return (
      <EmptyState
        icon="key"
        title="Add your Anthropic API key"
        action={
          <button type="button" className="btn btn-primary" onClick={() => navigate('settings', 'api-key')} aria-label="Open API key settings">
            Add API key
          </button>
        }
      >
        Switchboard talks to Claude with your own key. Paste it once in Settings; it is stored by the app, not shown again.
      </EmptyState>
    );
  }
  const action =
    total === 0 ? (
      <button type="button" className="btn" onClick={() => editServer('new')} aria-label="Add an MCP server">
        Add an MCP server for tools
      </button>
    ) : waiting > 0 && firstWaiting ? (
      <button type="button" className="btn" onClick={() => selectServer(firstWaiting)} aria-label="Review servers that wait for you">
        {waiting === 1 ? `Review ${firstWaiting}` : `Review ${waiting} servers`}
      </button>
    ) : undefined;
  return (
    <EmptyState icon="chat" title="Start a conversation" action={action}>
      {total === 0 ? (
        'Ask anything below. Add an MCP server to let Claude use tools such as files, search or your own services.'
      ) : (
        <>
          Ask anything below. {serversLine(ready)}
          {waiting > 0 && <strong className="empty-note">{waiting === 1 ? '1 server waits' : `${waiting} servers wait`} for your approval or sign-in.</strong>}
        </>
      )}
    </EmptyState>
  );
}

export function ChatPane() {
  const activeId = useAppStore((s) => s.chat.activeId);
  const loaded = useAppStore((s) => (s.chat.activeId ? s.chat.byId[s.chat.activeId] !== undefined : false));
  const empty = useAppStore((s) => (s.chat.activeId ? (s.chat.byId[s.chat.activeId]?.messages.length ?? 0) === 0 : true));

  return (
    <div className="chat">
      {activeId && <ConversationHeader conversationId={activeId} />}
      {activeId && loaded && !empty ? (
        <MessageList conversationId={activeId} footer={<TurnFooter conversationId={activeId} />} />
      ) : (
        <div className="chat-empty">
          {activeId && !loaded ? <p className="muted">Loading…</p> : <StartHints />}
          {activeId && loaded && <TurnFooter conversationId={activeId} />}
        </div>
      )}
      <div className="composer-wrap">
        <AccountChooser conversationId={activeId} />
        <Composer conversationId={activeId} />
      </div>
    </div>
  );
}
