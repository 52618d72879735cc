// What tools a reply's request carried: how many were loaded of those available, the tool searches Claude
// ran and what each loaded, and the servers still starting (their tools join the next message).
import type { RequestToolsView } from '../../../app/api/index.ts';
import { plural } from '../../ui/format.ts';

function toolLabel(f: { server: string; toolName: string; apiName: string }): string {
  return f.server ? `${f.server} / ${f.toolName}` : f.apiName;
}

export function ToolSearchLine({ tools }: { tools: RequestToolsView }) {
  const searches = tools.searches ?? [];
  const starting = tools.starting ?? [];
  // A reply that searched nothing needs no line: the sidebar's counter says how many tools are loaded.
  if (searches.length === 0 && starting.length === 0) return null;
  return (
    <div className="tool-search-line small" aria-label="Tools for this reply" data-testid="tool-search-line">
      {tools.deferred && searches.length > 0 && (
        <p className="muted">
          {tools.loaded} of {plural(tools.available, 'tool')} loaded; Claude finds the others with tool search.
        </p>
      )}
      {searches.map((s, i) => (
        <p key={i}>
          <span className="muted">Searched tools for</span> <q>{s.query}</q>
          {s.error ? (
            <span className="inline-error"> — the search failed: {s.error}</span>
          ) : s.found.length === 0 ? (
            <span className="muted"> — nothing found</span>
          ) : (
            <>
              <span className="muted"> — loaded </span>
              {s.found.map((f) => (
                <span key={f.apiName} className="chip mono" title={f.apiName}>
                  {toolLabel(f)}
                </span>
              ))}
            </>
          )}
        </p>
      ))}
      {starting.length > 0 && (
        <p className="muted">
          Still starting: {starting.join(', ')}. {starting.length === 1 ? 'Its' : 'Their'} tools join the next message.
        </p>
      )}
    </div>
  );
}
