// Every configured server in Settings, with enable/disable; adding and editing open the Servers page.
import { useShallow } from 'zustand/react/shallow';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { Toggle } from '../../ui/Toggle.tsx';
import { StatusBadge } from '../servers/StatusBadge.tsx';
import { describeEntry, statusOf } from '../servers/serverStatus.ts';

function Row({ name }: { name: string }) {
  const server = useAppStore((s) => s.servers.byName[name]);
  const { editServer, setServerDisabled } = useActions();
  if (!server) return null;
  return (
    <li className="settings-row">
      <div className="settings-row-main">
        <div className="settings-row-title">
          <strong>{name}</strong>
          <StatusBadge status={statusOf(server)} />
        </div>
        <p className="mono small muted truncate" title={describeEntry(server)}>
          {describeEntry(server)}
        </p>
      </div>
      <Toggle checked={!server.disabled} label={`${server.disabled ? 'Enable' : 'Disable'} ${name}`} onChange={(on) => void setServerDisabled(name, !on)} />
      <button type="button" className="btn btn-ghost" onClick={() => editServer(name)} aria-label={`Edit ${name}`}>
        <Icon name="edit" /> Edit
      </button>
    </li>
  );
}

export function ServerSettingsList() {
  const names = useAppStore(useShallow((s) => s.servers.order));
  const { editServer } = useActions();
  return (
    <section className="card" aria-labelledby="servers-heading">
      <div className="card-head">
        <h2 id="servers-heading">MCP servers</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => editServer('new')} aria-label="Add a server">
          <Icon name="plus" /> Add server
        </button>
      </div>
      {names.length === 0 ? (
        <p className="muted">No servers yet. Add one with a command or URL, or paste a config below.</p>
      ) : (
        <ul className="settings-list" aria-label="Configured servers">
          {names.map((n) => (
            <Row key={n} name={n} />
          ))}
        </ul>
      )}
    </section>
  );
}
