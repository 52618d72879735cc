// Installing one registry server: pick how (package or remote), fill in its values, see what it will run.
import { useState } from 'react';
import type { InstallFieldView, RegistryServerView } from '../../../app/api/index.ts';
import { useActions } from '../../store/storeContext.tsx';
import { sentences } from '../../ui/format.ts';
import { installNote } from './installNote.ts';

function FieldInput({ id, field, value, onChange }: { id: string; field: InstallFieldView; value: string; onChange(v: string): void }) {
  if (field.choices) {
    return (
      <select id={id} className="input" value={value || field.default || ''} onChange={(e) => onChange(e.target.value)}>
        {!field.required && <option value="">(none)</option>}
        {field.choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      id={id}
      className="input mono"
      type={field.secret ? 'password' : 'text'}
      autoComplete="off"
      placeholder={field.default ?? ''}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function RegistryInstallForm({ server, onDone, onCancel }: { server: RegistryServerView; onDone(name: string): void; onCancel(): void }) {
  const { registryInstall, registryOpenBundle } = useActions();
  const [optionId, setOptionId] = useState(server.options.find((o) => !o.unsupported && !o.missingRuntime)?.id ?? server.options[0]?.id ?? '');
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const option = server.options.find((o) => o.id === optionId);
  const fieldId = (key: string) => `reg-${server.name}-${key}`.replace(/[^A-Za-z0-9_-]/g, '-');

  const install = async () => {
    if (!option) return;
    setBusy(true);
    setError(null);
    if (option.kind === 'mcpb') {
      const failed = await registryOpenBundle(server.name, server.version, option.id);
      setBusy(false);
      if (failed) setError({ message: failed.message });
      else onCancel();
      return;
    }
    const out = await registryInstall({ server: server.name, version: server.version, option: option.id, values });
    setBusy(false);
    if ('message' in out) setError({ message: out.message, ...(out.issues?.[0] ? { field: out.issues[0].path.replace(/^values\./, '') } : {}) });
    else onDone(out.name);
  };

  return (
    <div className="registry-install" aria-label={`Install ${server.name}`} role="group">
      {server.options.length > 1 && (
        <div className="field">
          <label className="field-label" htmlFor={fieldId('option')}>
            Install as
          </label>
          <select id={fieldId('option')} className="input" value={optionId} onChange={(e) => setOptionId(e.target.value)}>
            {server.options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {option && (
        <>
          {option.preview && (
            <pre className="command-line mono" aria-label="What it installs">
              {option.preview}
            </pre>
          )}
          {option.unsupported && <p className="callout small">{option.unsupported}</p>}
          {option.missingRuntime && (
            <p className="inline-error small" role="alert">
              {option.missingRuntime}
            </p>
          )}
          {!option.unsupported &&
            option.fields.map((f) => (
              <div className={`field${error?.field === f.key ? ' has-error' : ''}`} key={f.key}>
                <label className="field-label" htmlFor={fieldId(f.key)}>
                  {f.label}
                  {f.required ? '' : ' (optional)'}
                </label>
                <FieldInput
                  id={fieldId(f.key)}
                  field={f}
                  value={values[f.key] ?? ''}
                  onChange={(v) => {
                    setValues((all) => ({ ...all, [f.key]: v }));
                    if (error?.field === f.key) setError(null);
                  }}
                />
                <p className="field-hint">{sentences(f.description, f.secret && 'Kept with the server\u2019s secrets.')}</p>
              </div>
            ))}
        </>
      )}
      {error && (
        <p className="inline-error small" role="alert">
          {error.message}
        </p>
      )}
      <div className="row-gap">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || !option || !!option.unsupported || !!option.missingRuntime}
          onClick={() => void install()}
          aria-label={`Add ${server.name}`}
        >
          {busy ? (option?.kind === 'mcpb' ? 'Downloading…' : 'Adding…') : option?.kind === 'mcpb' ? 'Download and review' : 'Add server'}
        </button>
        <button type="button" className="btn" onClick={onCancel} aria-label="Cancel install">
          Cancel
        </button>
        {option && <span className="small muted">{installNote(option.kind)}</span>}
      </div>
    </div>
  );
}
