// Command arguments as an editable list: one input per argument, so spaces inside an argument are kept.
import { Icon } from '../../ui/Icon.tsx';
import { rowId, type ArgRow, type FieldErrors } from './serverForm.ts';

export function ArgsEditor({ rows, errors, onChange }: { rows: ArgRow[]; errors: FieldErrors; onChange: (rows: ArgRow[]) => void }) {
  const update = (id: number, value: string) => onChange(rows.map((r) => (r.id === id ? { ...r, value } : r)));
  return (
    <fieldset className="field rows">
      <legend className="field-label">Arguments</legend>
      {rows.length === 0 && <p className="field-hint">No arguments.</p>}
      {rows.map((row, i) => (
        <div key={row.id} className="row-edit">
          <div className="row-inputs">
            <input
              className={`input mono${errors[`arg:${row.id}`] ? ' invalid' : ''}`}
              value={row.value}
              aria-label={`Argument ${i + 1}`}
              aria-invalid={errors[`arg:${row.id}`] ? true : undefined}
              spellCheck={false}
              onChange={(e) => update(row.id, e.target.value)}
              onPaste={(e) => {
                const text = e.clipboardData.getData('text');
                if (row.value === '' && /\s/.test(text.trim()) && !/["']/.test(text)) {
                  e.preventDefault();
                  const parts = text.trim().split(/\s+/);
                  const at = rows.findIndex((r) => r.id === row.id);
                  const added = parts.map((value) => ({ id: rowId(), value }));
                  onChange([...rows.slice(0, at), ...added, ...rows.slice(at + 1)]);
                }
              }}
            />
            <button type="button" className="icon-btn" aria-label={`Remove argument ${i + 1}`} onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
              <Icon name="x" />
            </button>
          </div>
          {errors[`arg:${row.id}`] && <p className="field-error">{errors[`arg:${row.id}`]}</p>}
        </div>
      ))}
      <button type="button" className="link-btn small" onClick={() => onChange([...rows, { id: rowId(), value: '' }])} aria-label="Add an argument">
        + Add argument
      </button>
    </fieldset>
  );
}
