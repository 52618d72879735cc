// A server's resources and templates: preview, attach to the message being written, and follow updates.
import { useEffect, useState } from 'react';
import type { ResourceReadView, ResourceView, ServerView } from '../../../app/api/index.ts';
import { resourceKey } from '../../store/protocolState.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { formatBytes, formatClock } from '../../ui/format.ts';
import { Toggle } from '../../ui/Toggle.tsx';
import { ResourcePreview } from '../protocol/ResourcePreview.tsx';
import { ResourceTemplateRow } from './ResourceTemplateRow.tsx';

type Preview = { uri: string; name: string; mimeType?: string; result: ResourceReadView | { error: string } | 'loading' };

function ResourceRow({ server, resource, canSubscribe, onPreview }: { server: string; resource: ResourceView; canSubscribe: boolean; onPreview(): void }) {
  const { setSubscribed } = useActions();
  const updatedAt = useAppStore((s) => s.protocol.updated[resourceKey(server, resource.uri)]);
  const [error, setError] = useState<string | null>(null);
  const label = resource.title ?? resource.name;
  return (
    <li className="resource-row">
      <div className="resource-main">
        <div className="tool-row-head">
          <span className="resource-name">{label}</span>
          {resource.mimeType && <span className="chip">{resource.mimeType}</span>}
          {resource.size !== undefined && <span className="muted small">{formatBytes(resource.size)}</span>}
          {updatedAt !== undefined && (
            <span className="chip chip-live" role="status">
              updated {formatClock(updatedAt)}
            </span>
          )}
        </div>
        <p className="mono small muted resource-uri">{resource.uri}</p>
        {resource.description && <p className="tool-desc prewrap">{resource.description}</p>}
        {error && <p className="inline-error small">{error}</p>}
      </div>
      {canSubscribe && (
        <div className="resource-follow small" title="Get told when the server changes it">
          <Toggle
            checked={resource.subscribed}
            label={`${resource.subscribed ? 'Stop following' : 'Follow'} updates of ${label}`}
            onChange={(on) => void setSubscribed(server, resource.uri, on).then((e) => setError(e?.message ?? null))}
          />
          <span className="muted" aria-hidden="true">
            Updates
          </span>
        </div>
      )}
      <button type="button" className="btn" onClick={onPreview} aria-label={updatedAt !== undefined ? `Read ${label} again` : `Preview ${label}`}>
        {updatedAt !== undefined ? 'Read again' : 'Preview'}
      </button>
    </li>
  );
}

export function ServerResources({ server }: { server: ServerView }) {
  const name = server.name;
  const ready = server.state.kind === 'ready';
  const offers = server.capabilities?.resources ?? false;
  const resources = useAppStore((s) => s.protocol.resources[name]);
  const templates = useAppStore((s) => s.protocol.templates[name]);
  const loadError = useAppStore((s) => s.protocol.resourceError[name]);
  const activeId = useAppStore((s) => s.chat.activeId);
  const { loadResources, readResource, attach, navigate } = useActions();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [attached, setAttached] = useState(false);

  useEffect(() => {
    if (ready && offers) void loadResources(name);
  }, [ready, offers, name, loadResources]);
  useEffect(() => setPreview(null), [name]);

  if (!ready || !offers) return null;

  const read = async (uri: string, label: string, mimeType?: string) => {
    setAttached(false);
    setPreview({ uri, name: label, ...(mimeType ? { mimeType } : {}), result: 'loading' });
    const result = await readResource(name, uri);
    setPreview((p) => (p?.uri === uri ? { ...p, result: 'message' in result ? { error: result.message } : result } : p));
  };

  return (
    <section className="section" aria-labelledby="resources-heading">
      <h2 id="resources-heading" className="section-title">
        Resources <span className="muted">{resources ? `${resources.length} listed${templates?.length ? `, ${templates.length} templates` : ''}` : ''}</span>
      </h2>
      {loadError && <p className="inline-error small">{loadError}</p>}
      {resources === undefined && !loadError && <p className="muted">Loading resources…</p>}
      {resources?.length === 0 && !templates?.length && <p className="muted">This server lists no resources.</p>}
      {resources && resources.length > 0 && (
        <ul className="tool-list resource-list" aria-label={`Resources of ${name}`}>
          {resources.map((r) => (
            <ResourceRow
              key={r.uri}
              server={name}
              resource={r}
              canSubscribe={server.capabilities?.resourceSubscribe ?? false}
              onPreview={() => void read(r.uri, r.title ?? r.name, r.mimeType)}
            />
          ))}
        </ul>
      )}
      {templates && templates.length > 0 && (
        <>
          <h3 className="subsection-title">Templates</h3>
          <ul className="tool-list resource-list" aria-label={`Resource templates of ${name}`}>
            {templates.map((t, i) => (
              <ResourceTemplateRow key={t.uriTemplate} template={t} index={i} onRead={(uri) => void read(uri, uri, t.mimeType)} />
            ))}
          </ul>
        </>
      )}
      {preview && (
        <div className="resource-preview-card" role="region" aria-label={`Preview of ${preview.name}`}>
          <div className="card-head">
            <strong className="truncate">{preview.name}</strong>
            <span className="spacer" />
            {attached ? (
              <button type="button" className="btn" onClick={() => navigate('chat')} aria-label="Go to the message you are writing">
                Attached · go to chat
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-primary"
                disabled={preview.result === 'loading' || 'error' in (preview.result as object)}
                onClick={() => {
                  attach(activeId, {
                    server: name,
                    uri: preview.uri,
                    ...(preview.name !== preview.uri ? { name: preview.name } : {}),
                    ...(preview.mimeType ? { mimeType: preview.mimeType } : {}),
                  });
                  setAttached(true);
                }}
                aria-label={`Attach ${preview.name} to your next message`}
              >
                Attach to message
              </button>
            )}
            <button type="button" className="btn btn-ghost" onClick={() => setPreview(null)} aria-label="Close the preview">
              Close
            </button>
          </div>
          {preview.result === 'loading' ? (
            <p className="muted">Reading…</p>
          ) : 'error' in preview.result ? (
            <p className="inline-error">{preview.result.error}</p>
          ) : (
            <ResourcePreview view={preview.result} />
          )}
        </div>
      )}
    </section>
  );
}
