// The folders servers may work in (MCP roots): for every server, and for one server. Saved at once;
// servers are told when their list changes. Full paths are typed in: web mode has no folder picker.
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RootsView } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Icon } from '../../ui/Icon.tsx';

export function looksAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

function FolderList({ id, label, folders, onSave }: { id: string; label: string; folders: string[]; onSave(next: string[]): Promise<string | null> }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const path = text.trim();
    if (!path) return setError('Type the full path of a folder first.');
    if (!looksAbsolute(path)) return setError(`"${path}" is not a full path. Start it with / (or a drive letter on Windows).`);
    if (folders.includes(path)) return setError('That folder is already in the list.');
    const failure = await onSave([...folders, path]);
    setError(failure);
    if (!failure) setText('');
  };

  return (
    <div className="roots-list">
      {folders.length === 0 ? (
        <p className="muted small">No folders.</p>
      ) : (
        <ul className="settings-list" aria-label={label}>
          {folders.map((f) => (
            <li key={f} className="grant-row">
              <Icon name="folder" />
              <span className="mono grant-main truncate" title={f}>
                {f}
              </span>
              <button
                type="button"
                className="btn btn-ghost danger"
                onClick={() => void onSave(folders.filter((x) => x !== f)).then(setError)}
                aria-label={`Remove ${f} from ${label}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className={`row-inputs${error ? ' has-error' : ''}`} onSubmit={(e) => void add(e)} noValidate>
        <input
          id={id}
          className={`input mono${error ? ' invalid' : ''}`}
          placeholder="/home/you/projects/site"
          value={text}
          spellCheck={false}
          aria-label={`Add a folder to ${label}`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="btn" aria-label={`Add the folder to ${label}`}>
          Add folder
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function RootsSettings() {
  const roots = useAppStore((s) => s.protocol.roots);
  const servers = useAppStore(useShallow((s) => s.servers.order));
  const { setRoots } = useActions();
  const [server, setServer] = useState<string>('');
  const chosen = server && servers.includes(server) ? server : (servers[0] ?? '');

  const save = async (next: RootsView): Promise<string | null> => {
    const failure = await setRoots(next);
    return failure ? failure.message : null;
  };

  return (
    <section className="card" aria-labelledby="roots-heading">
      <div className="card-head">
        <h2 id="roots-heading">Folders servers may use</h2>
      </div>
      <p className="muted small">
        Servers that ask which folders to work in (MCP roots) get these. Servers are told right away when the list changes. Type full paths.
      </p>
      {!roots ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <div className="field">
            <span className="field-label">For every server</span>
            <FolderList id="roots-global" label="folders for every server" folders={roots.global} onSave={(global) => save({ ...roots, global })} />
          </div>
          {servers.length > 0 && (
            <div className="field">
              <label htmlFor="roots-server" className="field-label">
                For one server, in addition
              </label>
              <select id="roots-server" className="input narrow-select" value={chosen} onChange={(e) => setServer(e.target.value)}>
                {servers.map((n) => (
                  <option key={n} value={n}>
                    {n}
                    {roots.perServer[n]?.length ? ` (${roots.perServer[n].length})` : ''}
                  </option>
                ))}
              </select>
              <FolderList
                key={chosen}
                id="roots-server-folder"
                label={`folders for ${chosen}`}
                folders={roots.perServer[chosen] ?? []}
                onSave={(list) => save({ ...roots, perServer: { ...roots.perServer, [chosen]: list } })}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}
