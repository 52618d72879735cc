// A text field whose suggestions come from the server's `completion/complete`, asked as the person types.
import { useEffect, useRef, useState } from 'react';
import type { CompletionRefView } from '../../../app/api/index.ts';
import { useActions } from '../../store/storeContext.tsx';

const DEBOUNCE_MS = 180;
const SHOWN = 8;

export interface CompletionFieldProps {
  id: string;
  server: string;
  completionRef: CompletionRefView;
  name: string;
  value: string;
  /** The other fields' values, so dependent suggestions can narrow (`context.arguments`). */
  others: Record<string, string>;
  invalid?: boolean;
  onChange(value: string): void;
  onEnter?(): void;
}

export function CompletionField({ id, server, completionRef, name, value, others, invalid, onChange, onEnter }: CompletionFieldProps) {
  const { complete } = useActions();
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [focused, setFocused] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const context = JSON.stringify(others);
  const refKey = JSON.stringify(completionRef);

  useEffect(() => {
    if (!focused) return;
    let live = true;
    const timer = setTimeout(() => {
      const args = JSON.parse(context) as Record<string, string>;
      const filled = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== ''));
      void complete({
        server,
        ref: JSON.parse(refKey) as CompletionRefView,
        argument: { name, value },
        ...(Object.keys(filled).length ? { context: { arguments: filled } } : {}),
      }).then((values) => {
        if (live) setSuggestions(values);
      });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [focused, server, refKey, name, value, context, complete]);

  const shown = suggestions.filter((s) => s !== value).slice(0, SHOWN);
  return (
    <div className="completion-field">
      <input
        ref={input}
        id={id}
        className={`input${invalid ? ' invalid' : ''}`}
        value={value}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={invalid ? true : undefined}
        onFocus={() => setFocused(true)}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && onEnter) {
            e.preventDefault();
            onEnter();
          }
        }}
      />
      {shown.length > 0 && (
        <div className="suggestions" role="group" aria-label={`Suggestions for ${name}`}>
          {shown.map((s) => (
            <button
              key={s}
              type="button"
              className="suggestion"
              onClick={() => {
                onChange(s);
                input.current?.focus();
              }}
              aria-label={`Use ${s} for ${name}`}
            >
              {s}
            </button>
          ))}
          {suggestions.length > SHOWN && <span className="muted small">…</span>}
        </div>
      )}
    </div>
  );
}
