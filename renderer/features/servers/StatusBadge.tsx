// Status by colour AND word, so it reads without colour.
import type { StatusWord } from './serverStatus.ts';

export function StatusBadge({ status }: { status: StatusWord }) {
  return (
    <span className={`status status-${status}`}>
      <span className="status-dot" aria-hidden="true" />
      {status}
    </span>
  );
}

export function StatusDot({ status }: { status: StatusWord }) {
  return <span className={`status-dot status-${status}`} role="img" aria-label={status} title={status} />;
}
