// The chat page: the open conversation (or what to do first), its messages and the composer.
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Composer } from './Composer.tsx';
import { ConversationHeader } from './ConversationHeader.tsx';
import { MessageList } from './MessageList.tsx';
import { TurnFooter } from './TurnFooter.tsx';

function StartHints() {
  const keyMissing = useAppStore((s) => s.settings.view !== null && !s.settings.view.apiKeySet);
  const serverCount = useAppStore((s) => s.servers.order.length);
  const { navigate, editServer } = useActions();
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
  return (
    <EmptyState
      icon="chat"
      title="Start a conversation"
      action={
        serverCount === 0 ? (
          <button type="button" className="btn" onClick={() => editServer('new')} aria-label="Add an MCP server">
            Add an MCP server for tools
          </button>
        ) : undefined
      }
    >
      {serverCount === 0
        ? 'Ask anything below. Add an MCP server to let Claude use tools such as files, search or your own services.'
        : `Ask anything below. Claude can use the tools of your ${serverCount === 1 ? 'server' : `${serverCount} servers`}, and every call shows up as a card.`}
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
        <Composer conversationId={activeId} />
      </div>
    </div>
  );
}
