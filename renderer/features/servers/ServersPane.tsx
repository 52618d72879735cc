// The Servers page: the form while adding or editing a server, the selected server's detail, or what to do when there is none.
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ServerForm } from '../settings/ServerForm.tsx';
import { ServerDetail } from './ServerDetail.tsx';

export function ServersPane() {
  const selected = useAppStore((s) => (s.ui.selectedServer && s.servers.byName[s.ui.selectedServer] ? s.ui.selectedServer : null));
  const first = useAppStore((s) => s.servers.order[0] ?? null);
  const count = useAppStore((s) => s.servers.order.length);
  const editing = useAppStore((s) => s.ui.editingServer);
  const { editServer, navigate } = useActions();
  const name = selected ?? first;
  if (editing) {
    return (
      <div className="pane-scroll">
        <div className="pane-inner">
          <ServerForm key={editing} editing={editing} />
        </div>
      </div>
    );
  }
  // Keyed by name: switching servers starts a fresh page, scrolled to the top.
  if (name) return <ServerDetail key={name} name={name} />;
  return (
    <EmptyState
      icon="servers"
      title={count === 0 ? 'No servers yet' : 'Pick a server'}
      action={
        <div className="row-gap">
          <button type="button" className="btn btn-primary" onClick={() => editServer('new')} aria-label="Add a server">
            Add a server
          </button>
          <button type="button" className="btn" onClick={() => navigate('settings', 'import')} aria-label="Import servers from JSON">
            Paste JSON
          </button>
        </div>
      }
    >
      MCP servers give Claude tools: files, search, your own services. Add one with a command (like <code>npx -y @modelcontextprotocol/server-everything</code>)
      or a URL, or paste a Claude Desktop config.
    </EmptyState>
  );
}
