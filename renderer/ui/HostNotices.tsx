// Things the host wants the person to know that happened outside any request (e.g. a damaged file set aside).
import { useState } from 'react';
import { useActions, useAppStore } from '../store/storeContext.tsx';
import { Icon } from './Icon.tsx';
import { Prose } from './Prose.tsx';

export function HostNotices() {
  const notices = useAppStore((s) => s.settings.info?.notices);
  const fileError = useAppStore((s) => s.settings.config?.fileError);
  const onSettings = useAppStore((s) => s.ui.route === 'settings');
  const { navigate } = useActions();
  const [dismissed, setDismissed] = useState<string[]>([]);
  const shown = (notices ?? []).filter((n) => !dismissed.includes(n.id));
  if (shown.length === 0 && !(fileError && !onSettings)) return null;
  return (
    <>
      {fileError && !onSettings && (
        <div className="banner banner-warn" role="alert">
          <span className="banner-text">The config file has a problem, so the last good server list keeps running: {fileError}</span>
          <button type="button" className="btn" onClick={() => navigate('settings')} aria-label="Open settings to see the config problem">
            Open Settings
          </button>
        </div>
      )}
      {shown.map((n) => (
        <div key={n.id} className={`banner ${n.level === 'error' ? 'banner-error' : n.level === 'warning' ? 'banner-warn' : 'banner-info'}`} role="status">
          <span className="banner-text">
            <Prose text={n.message} />
          </span>
          <button type="button" className="icon-btn" onClick={() => setDismissed([...dismissed, n.id])} aria-label="Dismiss notice">
            <Icon name="x" />
          </button>
        </div>
      ))}
    </>
  );
}
