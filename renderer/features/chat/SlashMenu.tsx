// The list that opens when the composer starts with `/`: every server's prompts, filtered as the person types.
import { useEffect, useRef } from 'react';
import type { PromptView } from '../../../app/api/index.ts';

export function promptId(p: PromptView): string {
  return `slash-${p.server}-${p.name}`.replace(/[^\w-]/g, '_');
}

export function filterPrompts(prompts: PromptView[], query: string): PromptView[] {
  const q = query.toLowerCase();
  if (!q) return prompts;
  const score = (p: PromptView) => (p.name.toLowerCase().startsWith(q) ? 0 : (p.title ?? '').toLowerCase().startsWith(q) ? 1 : 2);
  return prompts.filter((p) => `${p.name} ${p.title ?? ''} ${p.server} ${p.description ?? ''}`.toLowerCase().includes(q)).sort((a, b) => score(a) - score(b));
}

export function SlashMenu({
  prompts,
  active,
  loading,
  onPick,
  onHover,
}: {
  prompts: PromptView[];
  active: number;
  loading: boolean;
  onPick(p: PromptView): void;
  onHover(i: number): void;
}) {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const el = list.current?.children[active] as HTMLElement | undefined;
    el?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  return (
    <div className="composer-pop slash-menu">
      <div className="pop-head">
        <span>Prompts from your servers</span>
        <span className="muted small">↑↓ to choose · Enter to use · Esc to close</span>
      </div>
      {prompts.length === 0 ? (
        <p className="pop-empty muted">{loading ? 'Loading prompts…' : 'No prompt matches. Servers that offer prompts list them here.'}</p>
      ) : (
        <ul ref={list} id="slash-menu" className="pop-list" role="listbox" aria-label="Prompts">
          {prompts.map((p, i) => (
            <li
              key={`${p.server}/${p.name}`}
              id={promptId(p)}
              role="option"
              aria-selected={i === active}
              className={`pop-item${i === active ? ' active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => onHover(i)}
              onClick={() => onPick(p)}
            >
              <span className="pop-item-head">
                <span className="mono pop-item-name">/{p.name}</span>
                {p.title && p.title !== p.name && <span className="pop-item-title">{p.title}</span>}
                <span className="spacer" />
                <span className="chip">{p.server}</span>
              </span>
              {p.description && <span className="pop-item-desc small muted">{p.description}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
