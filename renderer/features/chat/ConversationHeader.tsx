// The open conversation's title, renamable in place.
import { useState } from 'react';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { Prose } from '../../ui/Prose.tsx';

export function ConversationHeader({ conversationId }: { conversationId: string }) {
  const title = useAppStore((s) => s.chat.byId[conversationId]?.title ?? s.chat.summaries.find((c) => c.id === conversationId)?.title ?? '');
  const running = useAppStore((s) => s.chat.turns[conversationId]?.running ?? false);
  const asking = useAppStore(
    (s) => s.safety.pending.some((p) => p.conversationId === conversationId) || s.protocol.sampling.length > 0 || s.protocol.elicitations.length > 0,
  );
  const model = useAppStore((s) => s.settings.view?.model ?? '');
  const { renameConversation } = useActions();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (editing === null) return;
    const next = editing.trim();
    if (!next || next === title) return setEditing(null);
    const e = await renameConversation(conversationId, next);
    if (e) setError(e.message);
    else setEditing(null);
  };

  return (
    <header className="chat-header">
      {editing !== null ? (
        <input
          className="title-input"
          value={editing}
          autoFocus
          aria-label="Conversation title"
          onChange={(e) => setEditing(e.target.value)}
          onBlur={() => void save()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void save();
            if (e.key === 'Escape') {
              e.stopPropagation();
              setEditing(null);
            }
          }}
        />
      ) : (
        <h1 className="chat-title" title={title}>
          {title}
        </h1>
      )}
      {editing === null && (
        <button type="button" className="icon-btn" onClick={() => setEditing(title)} aria-label="Rename conversation" title="Rename">
          <Icon name="edit" />
        </button>
      )}
      {error && (
        <span className="inline-error small">
          <Prose text={error} />
        </span>
      )}
      <span className="spacer" />
      {running &&
        (asking ? (
          <span className="chip chip-warn" role="status">
            waiting for your approval
          </span>
        ) : (
          <span className="chip chip-live" role="status">
            <span className="spinner" aria-hidden="true" /> answering
          </span>
        ))}
      {model && (
        <span className="chip mono" title="Model">
          {model}
        </span>
      )}
    </header>
  );
}
