// The sidebar's search: type to find conversations by title and content; the words are highlighted.
import { useEffect, useRef, useState } from 'react';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { formatRelative } from '../../ui/format.ts';
import { Highlighted } from '../../ui/Highlighted.tsx';
import { Icon } from '../../ui/Icon.tsx';

const DEBOUNCE_MS = 150;

export function SearchBox() {
  const focus = useAppStore((s) => s.ui.focusTarget);
  const stored = useAppStore((s) => s.chat.search.query);
  const { searchConversations, consumeFocus } = useActions();
  const [text, setText] = useState(stored);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focus !== 'search') return;
    input.current?.focus();
    input.current?.select();
    consumeFocus();
  }, [focus, consumeFocus]);

  // The search was ended elsewhere (a new conversation): empty the box too.
  useEffect(() => {
    if (stored === '') setText('');
  }, [stored]);

  useEffect(() => {
    if (text === stored) return;
    const t = setTimeout(() => void searchConversations(text), text.trim() ? DEBOUNCE_MS : 0);
    return () => clearTimeout(t);
  }, [text, stored, searchConversations]);

  return (
    <div className="search-box">
      <Icon name="search" size={14} />
      <input
        ref={input}
        type="search"
        value={text}
        placeholder="Search conversations"
        aria-label="Search conversations"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text) {
            e.preventDefault();
            e.stopPropagation();
            setText('');
          }
        }}
      />
    </div>
  );
}

export function SearchResults() {
  const search = useAppStore((s) => s.chat.search);
  const activeId = useAppStore((s) => s.chat.activeId);
  const { openConversation } = useActions();
  if (search.hits === null) return <p className="side-empty">Searching…</p>;
  if (search.error) return <p className="side-empty inline-error">{search.error}</p>;
  if (search.hits.length === 0) return <p className="side-empty">No conversation mentions “{search.query.trim()}”.</p>;
  return (
    <ul className="list" aria-label="Search results">
      {search.hits.map((hit) => (
        <li key={hit.id} className={`conv-item search-hit${hit.id === activeId ? ' selected' : ''}`}>
          <button type="button" className="list-item conv-open" aria-label={`Open conversation ${hit.title}`} onClick={() => void openConversation(hit.id)}>
            <span className="search-hit-text">
              <span className="list-item-title">
                <Highlighted text={hit.title} query={search.query} />
              </span>
              {hit.snippet && (
                <span className="search-snippet">
                  <Highlighted text={hit.snippet} query={search.query} />
                </span>
              )}
            </span>
            <span className="list-item-meta">{formatRelative(hit.updatedAt)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
