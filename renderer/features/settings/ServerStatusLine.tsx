// A saved server's live status under its form, so a change shows its result at once.
import { useAppStore } from '../../store/storeContext.tsx';
import { StatusBadge } from '../servers/StatusBadge.tsx';
import { statusClass, statusDetail, statusOf } from '../servers/serverStatus.ts';

export function ServerStatusLine({ name }: { name: string }) {
  const server = useAppStore((s) => s.servers.byName[name]);
  const { selectServer } = useAppStore((s) => s.actions);
  if (!server) return null;
  const status = statusOf(server);
  return (
    <div className={`status-line status-line-${statusClass(status)}`} role="status" aria-live="polite">
      <StatusBadge status={status} />
      <span className="status-line-text">{statusDetail(server)}</span>
      <button type="button" className="link-btn small" onClick={() => selectServer(name)} aria-label={`Open ${name} details`}>
        Details
      </button>
    </div>
  );
}
