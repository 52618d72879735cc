// Web mode only: signing in another tab or browser is a deliberate act. Each link works once and
// expires; nothing here is stored, and the link never goes into this tab's history.
import { useState } from 'react';
import { useActions, useAppStore } from '../../store/storeContext.tsx';

export function WebAccess() {
  const mode = useAppStore((s) => s.settings.info?.mode);
  const { newSignInLink } = useActions();
  const [link, setLink] = useState<{ url: string; expiresAt: number } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (mode !== 'web') return null;

  const mint = async (): Promise<{ url: string; expiresAt: number } | null> => {
    const result = await newSignInLink();
    if (!('url' in result)) {
      setError(result.message);
      return null;
    }
    setError(null);
    return result;
  };
  const openTab = async () => {
    const minted = await mint();
    if (!minted) return;
    setLink(null);
    window.open(minted.url, '_blank', 'noopener,noreferrer');
    setNote('Opened a new tab, signed in with a link that now no longer works.');
  };
  const copy = async () => {
    const minted = await mint();
    if (!minted) return;
    setLink(minted);
    const minutes = Math.max(1, Math.round((minted.expiresAt - Date.now()) / 60_000));
    try {
      await navigator.clipboard.writeText(minted.url);
      setNote(`Copied. The link signs in one tab or browser, once, within ${minutes} minutes.`);
    } catch {
      setNote(`Copy the link below. It signs in one tab or browser, once, within ${minutes} minutes.`);
    }
  };

  return (
    <section className="card" aria-labelledby="web-access-heading">
      <div className="card-head">
        <h2 id="web-access-heading">Web access</h2>
      </div>
      <p className="small muted">
        This tab is signed in for as long as it stays open. Another tab or browser needs its own one-time link: anyone with the link can run commands on this
        computer, so share it with no one.
      </p>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => void openTab()}>
          Open in another tab
        </button>
        <button type="button" className="btn" onClick={() => void copy()}>
          Copy a one-time link
        </button>
      </div>
      {link && <input className="input mono" readOnly value={link.url} aria-label="One-time sign-in link" onFocus={(e) => e.currentTarget.select()} />}
      {note && (
        <p className="ok-note small" role="status">
          {note}
        </p>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
