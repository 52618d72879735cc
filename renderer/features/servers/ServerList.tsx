// The sidebar list of servers with their status; selecting one opens its detail.
import { useShallow } from 'zustand/react/shallow';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { statusOf } from './serverStatus.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { Icon } from '../../ui/Icon.tsx';

function ServerListItem({ name }: { name: string }) {
  const server = useAppStore((s) => s.servers.byName[name]);
  const selected = useAppStore((s) => s.ui.selectedServer === name && s.ui.route === 'servers' && (s.ui.editingServer === null || s.ui.editingServer === name));
  const { selectServer } = useActions();
  if (!server) return null;
  const status = statusOf(server);
  return (
    <li>
      <button
        type="button"
        className={`list-item${selected ? ' selected' : ''}`}
        aria-current={selected ? 'page' : undefined}
        aria-label={`${name}: ${status}`}
        onClick={() => selectServer(name)}
      >
        <span className="list-item-title">{name}</span>
        <StatusBadge status={status} />
      </button>
    </li>
  );
}

export function ServerList() {
  const names = useAppStore(useShallow((s) => s.servers.order));
  const { editServer } = useActions();
  return (
    <div className="side-section">
      <div className="side-heading">
        <span>Servers</span>
        <button type="button" className="icon-btn" aria-label="Add a server" title="Add a server" onClick={() => editServer('new')}>
          <Icon name="plus" />
        </button>
      </div>
      {names.length === 0 ? (
        <p className="side-empty">No servers yet.</p>
      ) : (
        <ul className="list" aria-label="Servers">
          {names.map((n) => (
            <ServerListItem key={n} name={n} />
          ))}
        </ul>
      )}
    </div>
  );
}
