// Paste JSON to import servers: {"mcpServers": …}, one entry, a fragment, or a whole config file. The core reads it (comments allowed).
import { useEffect, useRef, useState } from 'react';
import type { ImportResult } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Field } from '../../ui/Field.tsx';
import { Prose } from '../../ui/Prose.tsx';

export function ImportJson() {
  const { importServers, consumeFocus, selectServer } = useActions();
  const unapproved = useAppStore((s) => s.servers.order.filter((n) => s.servers.byName[n] && !s.servers.byName[n].launch.approved).join('\n'));
  const focus = useAppStore((s) => s.ui.focusTarget);
  const [json, setJson] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (focus === 'import') {
      box.current?.focus();
      box.current?.scrollIntoView({ block: 'center' });
      consumeFocus();
    }
  }, [focus, consumeFocus]);

  const run = async () => {
    setResult(null);
    setError(null);
    setBusy(true);
    const out = await importServers(json);
    setBusy(false);
    if ('message' in out) setError(out.message);
    else {
      setResult(out);
      if (out.issues.length === 0) setJson('');
    }
  };

  return (
    <section className="card" aria-labelledby="import-heading">
      <div className="card-head">
        <h2 id="import-heading">Import from JSON</h2>
      </div>
      <Field
        id="import-json"
        label="Paste a config"
        error={error ?? undefined}
        hint={
          <>
            Accepts <code>{'{"mcpServers": {…}}'}</code>, VS Code&rsquo;s <code>{'{"servers": {…}}'}</code>, a single entry, or a <code>{'"name": {…}'}</code>{' '}
            fragment without the outer braces. Comments and trailing commas are fine.
          </>
        }
      >
        <textarea
          id="import-json"
          ref={box}
          className="input mono import-box"
          rows={5}
          value={json}
          spellCheck={false}
          placeholder={'{ "mcpServers": { "files": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"] } } }'}
          onChange={(e) => setJson(e.target.value)}
        />
      </Field>
      <div className="form-actions">
        <button type="button" className="btn" disabled={busy || !json.trim()} onClick={() => void run()} aria-label="Import servers">
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      {result && (
        <div className="import-result" role="status">
          {result.added.length > 0 && <p className="ok-note">Added: {result.added.join(', ')}</p>}
          {result.updated.length > 0 && <p>Updated: {result.updated.join(', ')}</p>}
          {result.secretsMoved?.map((m) => (
            <p key={`secrets-${m.server}`} className="small">
              The secret {m.names.length === 1 ? 'value' : 'values'} of <span className="mono">{m.names.join(', ')}</span> for <strong>{m.server}</strong>{' '}
              {m.names.length === 1 ? 'was' : 'were'} moved to the secret store; config.json keeps only a reference.
            </p>
          ))}
          {[...result.added, ...result.updated]
            .filter((n) => unapproved.split('\n').includes(n))
            .map((n) => (
              <p key={n} className="row-gap">
                <span>
                  <strong>{n}</strong> waits for you to approve what it runs or contacts before it starts.
                </span>
                <button type="button" className="btn" onClick={() => selectServer(n)} aria-label={`Review and approve ${n}`}>
                  Review and approve
                </button>
              </p>
            ))}
          {result.added.length === 0 && result.updated.length === 0 && <p className="muted">Nothing was imported.</p>}
          {result.issues.length > 0 && (
            <ul className="issue-list">
              {result.issues.map((i) => (
                <li key={i.path + i.message}>
                  <code>{i.path || '(top level)'}</code> <Prose text={i.message} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
