// Status by colour AND word, so it reads without colour.
import { statusClass, type StatusWord } from './serverStatus.ts';

export function StatusBadge({ status }: { status: StatusWord }) {
  return (
    <span className={`status status-${statusClass(status)}`}>
      <span className="status-dot" aria-hidden="true" />
      {status}
    </span>
  );
}
