// Settings → Import from other apps: look for Claude Desktop, VS Code, Cursor, Windsurf and Claude Code files.
import { useState } from 'react';
import type { ImportDiscoveryView, ImportResult } from '../../../app/api/index.ts';
import { useActions } from '../../store/storeContext.tsx';
import { FoundServers } from './FoundServers.tsx';
import { Prose } from '../../ui/Prose.tsx';

export function ImportFromApps() {
  const { discoverImports, selectServer } = useActions();
  const [found, setFound] = useState<ImportDiscoveryView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ added: string[]; issues: ImportResult['issues'] } | null>(null);

  const look = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    const out = await discoverImports();
    setBusy(false);
    if ('message' in out) setError(out.message);
    else setFound(out);
  };

  return (
    <section className="card" aria-labelledby="import-apps-heading">
      <div className="card-head">
        <h2 id="import-apps-heading">Import from other apps</h2>
        <span className="spacer" />
        <button type="button" className="btn" disabled={busy} onClick={() => void look()} aria-label="Look for servers in other apps">
          {busy ? 'Looking…' : found ? 'Look again' : 'Look for servers'}
        </button>
      </div>
      <p className="small muted">Claude Desktop, VS Code, Cursor, Windsurf and Claude Code, including project files in your roots.</p>
      {error && (
        <p className="inline-error small" role="alert">
          {error}
        </p>
      )}
      {found && found.sources.length === 0 && (
        <p className="muted" role="status">
          No other app on this computer has MCP servers set up.
        </p>
      )}
      {done && (
        <div role="status" className="import-result">
          {done.added.length > 0 && (
            <p className="row-gap">
              <span className="ok-note">Added {done.added.join(', ')}. Each waits for you to approve its command.</span>
              <button type="button" className="btn" onClick={() => selectServer(done.added[0]!)} aria-label="Review the imported servers">
                Review
              </button>
            </p>
          )}
          {done.issues.length > 0 && (
            <ul className="issue-list">
              {done.issues.map((i) => (
                <li key={i.path + i.message}>
                  <code>{i.path}</code> <Prose text={i.message} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {found && found.sources.length > 0 && !done && (
        <FoundServers key={found.sources.map((s) => s.path).join('\n')} sources={found.sources} onImported={(added, issues) => setDone({ added, issues })} />
      )}
    </section>
  );
}
