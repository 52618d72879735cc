// Shows the full URL before it opens (or why it will not). The dialog is the only caller of confirmOpenLink.
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { confirmOpenLink, dismissLink, linkRequests } from './linkOpener.ts';

export function LinkDialog() {
  const pending = useStore(linkRequests, (s) => s.pending);
  const firstButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!pending) return;
    firstButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        dismissLink();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [pending]);

  if (!pending) return null;
  return (
    <div className="modal-backdrop" onClick={dismissLink}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="link-dialog-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="link-dialog-title">{pending.ok ? 'Open this link in your browser?' : 'This link was not opened'}</h2>
        <p className="modal-url mono">{pending.url}</p>
        {!pending.ok && <p className="muted">{pending.reason}</p>}
        <div className="modal-actions">
          {pending.ok ? (
            <>
              <button ref={firstButton} type="button" className="btn" onClick={dismissLink} aria-label="Cancel">
                Cancel
              </button>
              <button type="button" className="btn btn-primary" onClick={confirmOpenLink} aria-label="Open link in browser">
                Open link
              </button>
            </>
          ) : (
            <button ref={firstButton} type="button" className="btn" onClick={dismissLink} aria-label="Close">
              Close
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
