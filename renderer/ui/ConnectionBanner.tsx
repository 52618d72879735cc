// Tells the person when the window has lost its host and is trying again.
import { useAppStore } from '../store/storeContext.tsx';

export function ConnectionBanner() {
  const status = useAppStore((s) => s.ui.connection);
  if (status === 'open') return null;
  if (status === 'signed-out') {
    return (
      <div className="banner banner-error" role="alert">
        This tab is signed out: Switchboard no longer knows it (was it restarted?). Open the link printed in the terminal where it runs.
      </div>
    );
  }
  return (
    <div className="banner banner-warn" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      Lost the connection to Switchboard. Reconnecting… Your typed text is kept.
    </div>
  );
}
