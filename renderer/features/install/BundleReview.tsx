// A bundle waiting for the person: who made it, what it runs, what it changes over the installed version, its settings.
import { useState } from 'react';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Modal, ModalFooter } from '../../ui/Modal.tsx';
import { sentences } from '../../ui/format.ts';

export function BundleReview() {
  const review = useAppStore((s) => s.install.bundles[0]);
  const { installBundle, dismissBundle, selectServer } = useActions();
  const [values, setValues] = useState<Record<string, Record<string, string>>>({});
  const [failure, setFailure] = useState<{ id: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!review) return null;
  const mine = values[review.id] ?? {};
  const set = (key: string, value: string) => setValues((all) => ({ ...all, [review.id]: { ...all[review.id], [key]: value } }));

  const install = async () => {
    setBusy(true);
    const out = await installBundle(review.id, mine);
    setBusy(false);
    if ('message' in out) setFailure({ id: review.id, message: out.message });
    else selectServer(out.name);
  };

  return (
    <Modal labelledBy="bundle-review-title" className="modal-wide" onEscape={() => void dismissBundle(review.id)}>
      <h2 id="bundle-review-title">
        {review.replaces ? 'Update' : 'Install'} {review.displayName} {review.version}?
      </h2>
      <p className="small">
        {review.description}{' '}
        <span className="muted">By {review.author}. A bundle is someone else&rsquo;s code: it runs with your permissions once you approve it.</span>
      </p>
      <pre className="command-line mono" aria-label="What the bundle runs">
        {review.commandPreview}
      </pre>
      {review.replaces && (
        <div className="callout" role="region" aria-label="What changes">
          <p className="small">Replaces version {review.replaces.version}:</p>
          <ul className="small">
            {review.replaces.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      {review.problems.length > 0 && (
        <div className="callout callout-error" role="alert">
          <p className="callout-title">It cannot run here</p>
          <ul className="small">
            {review.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {review.fields.map((f) => (
        <div className="field" key={f.key}>
          <label className="field-label" htmlFor={`bundle-${f.key}`}>
            {f.label}
            {f.required ? '' : ' (optional)'}
          </label>
          {f.choices ? (
            <select id={`bundle-${f.key}`} className="input" value={mine[f.key] ?? f.default ?? ''} onChange={(e) => set(f.key, e.target.value)}>
              {f.choices.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`bundle-${f.key}`}
              className="input"
              type={f.secret ? 'password' : 'text'}
              autoComplete="off"
              placeholder={f.default ?? ''}
              value={mine[f.key] ?? ''}
              onChange={(e) => set(f.key, e.target.value)}
            />
          )}
          {(f.description || f.secret) && <p className="field-hint">{sentences(f.description, f.secret && 'Kept with the server\u2019s secrets.')}</p>}
        </div>
      ))}
      <ModalFooter failure={failure?.id === review.id ? failure.message : null}>
        <button type="button" className="btn" onClick={() => void dismissBundle(review.id)} aria-label={`Do not install ${review.displayName}`}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || review.problems.length > 0}
          onClick={() => void install()}
          aria-label={`Install ${review.displayName}`}
        >
          {busy ? 'Installing…' : review.replaces ? 'Update' : 'Install'}
        </button>
      </ModalFooter>
    </Modal>
  );
}
