// Key/value rows whose values are secret: stored values are never shown, only replaced or kept.
import { Icon } from '../../ui/Icon.tsx';
import { rowId, type FieldErrors, type SecretRow } from './serverForm.ts';

export function SecretRowsEditor({
  legend,
  prefix,
  keyPlaceholder,
  rows,
  errors,
  onChange,
}: {
  legend: string;
  prefix: 'env' | 'header';
  keyPlaceholder: string;
  rows: SecretRow[];
  errors: FieldErrors;
  onChange: (rows: SecretRow[]) => void;
}) {
  const update = (id: number, patch: Partial<SecretRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const noun = prefix === 'env' ? 'variable' : 'header';
  return (
    <fieldset className="field rows">
      <legend className="field-label">{legend}</legend>
      {rows.length === 0 && (
        <p className="field-hint">
          None. Values are never shown again; secret ones (named like TOKEN, KEY, PASSWORD, Authorization, or marked Secret) go to the system's secret store.
        </p>
      )}
      {rows.map((row, i) => {
        const error = errors[`${prefix}:${row.id}`];
        return (
          <div key={row.id} className="row-edit">
            <div className="row-inputs">
              <input
                className={`input mono kv-key${error ? ' invalid' : ''}`}
                value={row.key}
                placeholder={keyPlaceholder}
                aria-label={`${noun} ${i + 1} name`}
                aria-invalid={error ? true : undefined}
                spellCheck={false}
                readOnly={row.existing}
                onChange={(e) => update(row.id, { key: e.target.value })}
              />
              <input
                className="input mono kv-value"
                type="password"
                autoComplete="off"
                value={row.value}
                placeholder={row.existing ? '•••••• unchanged' : 'value'}
                aria-label={row.existing ? `New value for ${row.key} (leave empty to keep)` : `${noun} ${i + 1} value`}
                onChange={(e) => update(row.id, { value: e.target.value })}
              />
              {!row.existing && (
                <label className="kv-secret small">
                  <input
                    type="checkbox"
                    checked={row.secret ?? false}
                    onChange={(e) => update(row.id, { secret: e.target.checked })}
                    aria-label={`Keep ${noun} ${row.key || i + 1} secret`}
                  />
                  Secret
                </label>
              )}
              <button
                type="button"
                className="icon-btn"
                aria-label={`Remove ${noun} ${row.key || i + 1}`}
                onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
              >
                <Icon name="x" />
              </button>
            </div>
            {error && <p className="field-error">{error}</p>}
          </div>
        );
      })}
      <button
        type="button"
        className="link-btn small"
        aria-label={`Add ${noun}`}
        onClick={() => onChange([...rows, { id: rowId(), key: '', value: '', existing: false }])}
      >
        + Add {noun}
      </button>
    </fieldset>
  );
}
