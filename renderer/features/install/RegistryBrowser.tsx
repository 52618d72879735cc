// Settings → MCP Registry: search a registry (the official one, or your organisation's), page through it, install.
import { useEffect, useState } from 'react';
import type { RegistryPageView, RegistryServerView } from '../../../app/api/index.ts';
import { useActions } from '../../store/storeContext.tsx';
import { RegistryInstallForm } from './RegistryInstallForm.tsx';
import { ExternalLink } from '../../ui/ExternalLink.tsx';

function ServerRow({ server, onAdded }: { server: RegistryServerView; onAdded(name: string): void }) {
  const [open, setOpen] = useState(false);
  const label = server.title ?? server.name;
  return (
    <li className="registry-row" aria-label={server.name}>
      <div className="registry-head">
        <span className="registry-icon" aria-hidden="true" title={server.iconCount ? 'Icons from the registry are not loaded' : undefined}>
          {label.replace(/^.*\//, '').charAt(0).toUpperCase()}
        </span>
        <div className="registry-text">
          <div className="row-gap">
            <strong>{label}</strong>
            <span className="small muted mono">{server.version}</span>
            {server.status !== 'active' && <span className={`badge badge-${server.status}`}>{server.status}</span>}
          </div>
          {server.title && <p className="small muted mono">{server.name}</p>}
          <p className="small">{server.description}</p>
          <p className="small muted">{server.options.map((o) => o.label).join(' · ') || 'Nothing to install: no packages or remotes.'}</p>
          {(server.websiteUrl || server.repositoryUrl) && (
            <p className="small row-gap">
              {server.websiteUrl && <ExternalLink href={server.websiteUrl}>Website</ExternalLink>}
              {server.repositoryUrl && <ExternalLink href={server.repositoryUrl}>Source</ExternalLink>}
            </p>
          )}
        </div>
        {!open && server.status !== 'deleted' && server.options.length > 0 && (
          <button type="button" className="btn" onClick={() => setOpen(true)} aria-label={`Install ${server.name}`}>
            Install…
          </button>
        )}
      </div>
      {server.status === 'deprecated' && <p className="small field-warn">Its publisher marked it deprecated: look for a replacement.</p>}
      {open && (
        <RegistryInstallForm
          server={server}
          onCancel={() => setOpen(false)}
          onDone={(name) => {
            setOpen(false);
            onAdded(name);
          }}
        />
      )}
    </li>
  );
}

export function RegistryBrowser() {
  const { registrySearch, setRegistryUrl, registryUrl: readRegistryUrl, selectServer } = useActions();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState<RegistryPageView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [urlDraft, setUrlDraft] = useState<string | null>(null);
  // Which registry is searched is shown before any search, so a person behind a company registry can change it first.
  const [registryUrl, setShownUrl] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void readRegistryUrl().then((out) => {
      if (live && !('message' in out)) setShownUrl(out.registryUrl);
    });
    return () => {
      live = false;
    };
  }, [readRegistryUrl]);

  const search = async (cursor?: string) => {
    setBusy(true);
    setError(null);
    const out = await registrySearch(query, cursor);
    setBusy(false);
    if ('message' in out) return setError(out.message);
    setPage((prev) => (cursor && prev ? { ...out, servers: [...prev.servers, ...out.servers] } : out));
    setShownUrl(out.registryUrl);
  };

  const saveUrl = async () => {
    const out = await setRegistryUrl(urlDraft?.trim() ?? '');
    if ('message' in out) return setError(out.message);
    setUrlDraft(null);
    setShownUrl(out.registryUrl);
    setPage(null);
  };

  return (
    <section className="card" aria-labelledby="registry-heading">
      <div className="card-head">
        <h2 id="registry-heading">MCP Registry</h2>
      </div>
      <p className="small muted">Search the public list of MCP servers and add one from its package or URL.</p>
      {urlDraft === null && (
        <p className="small row-gap registry-source">
          <span className="muted">Registry</span>
          <span className="mono">{registryUrl ?? '…'}</span>
          <button type="button" className="link-btn small" onClick={() => setUrlDraft(registryUrl ?? '')} aria-label="Change the registry URL">
            Change
          </button>
        </p>
      )}
      {urlDraft !== null && (
        <div className="registry-search">
          <input
            className="input mono"
            aria-label="Registry URL"
            value={urlDraft}
            placeholder="https://registry.modelcontextprotocol.io"
            onChange={(e) => setUrlDraft(e.target.value)}
          />
          <button type="button" className="btn" onClick={() => void saveUrl()} aria-label="Use this registry">
            Use
          </button>
          <button type="button" className="btn" onClick={() => setUrlDraft(null)} aria-label="Keep the current registry">
            Cancel
          </button>
        </div>
      )}
      <form
        className="registry-search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <input
          className="input"
          aria-label="Registry search"
          placeholder="Search servers, e.g. weather"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="submit" className="btn" disabled={busy} aria-label="Search the registry now">
          {busy && !page ? 'Searching…' : 'Search'}
        </button>
      </form>
      {error && (
        <p className="inline-error small" role="alert">
          {error}
        </p>
      )}
      {added && (
        <p className="row-gap" role="status">
          <span className="ok-note">Added {added}.</span>
          <button type="button" className="btn" onClick={() => selectServer(added)} aria-label={`Review ${added}`}>
            Review and start
          </button>
        </p>
      )}
      {page && page.servers.length === 0 && <p className="muted">No servers match.</p>}
      {page && page.servers.length > 0 && (
        <ul className="registry-list" aria-label="Registry servers">
          {page.servers.map((s) => (
            <ServerRow key={`${s.name}@${s.version}`} server={s} onAdded={setAdded} />
          ))}
        </ul>
      )}
      {page?.nextCursor && (
        <button type="button" className="btn" disabled={busy} onClick={() => void search(page.nextCursor)} aria-label="Load more servers">
          {busy ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
