// The sidebar list of conversations: open, start new, search, rename, delete.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { formatRelative } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { SearchBox, SearchResults } from './ConversationSearch.tsx';

function ConversationItem({ id }: { id: string }) {
  const summary = useAppStore((s) => s.chat.summaries.find((c) => c.id === id));
  const active = useAppStore((s) => s.chat.activeId === id && s.ui.route === 'chat');
  const running = useAppStore((s) => s.chat.turns[id]?.running ?? false);
  const asking = useAppStore((s) => s.safety.pending.some((p) => p.conversationId === id));
  const { openConversation, deleteConversation, renameConversation } = useActions();
  const [mode, setMode] = useState<'idle' | 'confirm' | 'rename'>('idle');
  const [title, setTitle] = useState('');
  if (!summary) return null;

  if (mode === 'rename') {
    const save = async () => {
      if (title.trim() && title.trim() !== summary.title) await renameConversation(id, title.trim());
      setMode('idle');
    };
    return (
      <li className="conv-item">
        <input
          className="title-input"
          value={title}
          autoFocus
          aria-label="New title"
          onChange={(e) => setTitle(e.target.value)}
          onBlur={() => void save()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void save();
            if (e.key === 'Escape') {
              e.stopPropagation();
              setMode('idle');
            }
          }}
        />
      </li>
    );
  }

  return (
    <li className={`conv-item${active ? ' selected' : ''}`}>
      <button
        type="button"
        className="list-item conv-open"
        aria-current={active ? 'page' : undefined}
        aria-label={`Open conversation ${summary.title}`}
        onClick={() => void openConversation(id)}
      >
        <span className="list-item-title">{summary.title}</span>
        <span className={`list-item-meta${asking ? ' meta-ask' : ''}`}>
          {asking ? 'needs approval' : running ? 'answering…' : formatRelative(summary.updatedAt)}
        </span>
      </button>
      {mode === 'confirm' ? (
        <span className="conv-confirm">
          <button type="button" className="link-btn danger small" onClick={() => void deleteConversation(id)} aria-label={`Confirm delete ${summary.title}`}>
            Delete
          </button>
          <button type="button" className="link-btn small" onClick={() => setMode('idle')} aria-label="Keep conversation">
            Keep
          </button>
        </span>
      ) : (
        <span className="conv-actions">
          <button
            type="button"
            className="icon-btn"
            aria-label={`Rename ${summary.title}`}
            title="Rename"
            onClick={() => {
              setTitle(summary.title);
              setMode('rename');
            }}
          >
            <Icon name="edit" size={14} />
          </button>
          <button type="button" className="icon-btn" aria-label={`Delete ${summary.title}`} title="Delete" onClick={() => setMode('confirm')}>
            <Icon name="trash" size={14} />
          </button>
        </span>
      )}
    </li>
  );
}

export function ConversationList() {
  const ids = useAppStore(useShallow((s) => s.chat.summaries.map((c) => c.id)));
  const loaded = useAppStore((s) => s.chat.loaded);
  const searching = useAppStore((s) => s.chat.search.query.trim() !== '');
  const { newConversation } = useActions();
  return (
    <div className="side-section side-grow">
      <button type="button" className="btn btn-new" onClick={() => void newConversation()} aria-label="New conversation">
        <Icon name="plus" /> New conversation
      </button>
      <SearchBox />
      <div className="side-heading">
        <span>{searching ? 'Found' : 'Conversations'}</span>
      </div>
      {searching ? (
        <SearchResults />
      ) : loaded && ids.length === 0 ? (
        <p className="side-empty">No conversations yet. Write a message to start one.</p>
      ) : (
        <ul className="list" aria-label="Conversations">
          {ids.map((id) => (
            <ConversationItem key={id} id={id} />
          ))}
        </ul>
      )}
    </div>
  );
}
