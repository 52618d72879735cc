// The composer's "attach" list: every ready server's resources, filtered as the person types; one click attaches.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ResourceView } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { sameResource } from '../../store/protocolState.ts';

export function ResourcePicker({ conversationId, onClose }: { conversationId: string | null; onClose(refocus: boolean): void }) {
  const { loadResources, attach } = useActions();
  const byServer = useAppStore(useShallow((s) => s.protocol.resources));
  const order = useAppStore(useShallow((s) => s.servers.order));
  const attached = useAppStore((s) => s.protocol.attachments[conversationId ?? '']);
  const error = useAppStore((s) => s.protocol.resourceError['']);
  const [loading, setLoading] = useState(true);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    input.current?.focus();
    void loadResources().finally(() => setLoading(false));
  }, [loadResources]);

  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      if (target && !panel.current?.contains(target) && !target.closest('[data-picker-toggle]')) onClose(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onClose]);

  const items = useMemo(() => {
    const q = query.toLowerCase();
    const all = order.flatMap((n) => byServer[n] ?? []);
    return q ? all.filter((r) => `${r.server} ${r.name} ${r.title ?? ''} ${r.uri}`.toLowerCase().includes(q)) : all;
  }, [byServer, order, query]);

  const pick = (r: ResourceView) => {
    attach(conversationId, { server: r.server, uri: r.uri, name: r.title ?? r.name, ...(r.mimeType ? { mimeType: r.mimeType } : {}) });
    onClose(true);
  };

  return (
    <div ref={panel} className="composer-pop resource-picker" role="dialog" aria-label="Attach a resource">
      <div className="pop-head">
        <span>Attach a resource</span>
        <span className="muted small">Its content is sent to Claude with your message</span>
      </div>
      <input
        ref={input}
        className="input"
        placeholder="Filter by name, server or URI"
        aria-label="Filter resources"
        aria-controls="resource-options"
        aria-activedescendant={items[active] ? `res-opt-${active}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((i) => Math.min(i + 1, items.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (items[active]) pick(items[active]);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose(true);
          }
        }}
      />
      {error && <p className="inline-error small">{error}</p>}
      {items.length === 0 ? (
        <p className="pop-empty muted">{loading ? 'Loading resources…' : query ? 'No resource matches.' : 'No ready server offers resources.'}</p>
      ) : (
        <ul id="resource-options" className="pop-list" role="listbox" aria-label="Resources">
          {items.map((r, i) => {
            const on = (attached ?? []).some((a) => sameResource(a, r));
            return (
              <li
                key={`${r.server}\n${r.uri}`}
                id={`res-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={`pop-item${i === active ? ' active' : ''}`}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(r)}
              >
                <span className="pop-item-head">
                  <span className="pop-item-name">{r.title ?? r.name}</span>
                  {on && <span className="chip chip-live">attached</span>}
                  <span className="spacer" />
                  <span className="chip">{r.server}</span>
                </span>
                <span className="pop-item-desc small muted mono truncate">{r.uri}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
