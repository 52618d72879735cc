// A very long message starts folded to a screenful, with "Show more"; a short one shows as it is.
import { useState, type ReactNode } from 'react';

/** Past this many characters or lines a finished message is folded. */
export const LONG_MESSAGE_CHARS = 3000;
export const LONG_MESSAGE_LINES = 40;

export function isLong(text: string): boolean {
  if (text.length > LONG_MESSAGE_CHARS) return true;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++lines > LONG_MESSAGE_LINES) return true;
  return false;
}

export function LongMessage({ text, streaming, children }: { text: string; streaming: boolean; children: ReactNode }) {
  // An answer the person watched stream in stays open when it finishes; only messages loaded later start folded.
  const [open, setOpen] = useState(streaming);
  if (streaming || !isLong(text)) return <>{children}</>;
  return (
    <div className={`long-message${open ? ' open' : ''}`}>
      <div className="long-message-body">{children}</div>
      <button type="button" className="link-btn small long-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Show less' : `Show more (${Math.round(text.length / 100) / 10}k characters)`}
      </button>
    </div>
  );
}
