// One field of a form-mode elicitation: a labelled input that matches its schema, with its error under it.
import { assertNever } from '../../../app/api/errors.ts';
import type { FieldSpec, FieldValue } from './elicitationFields.ts';

function inputType(format: string | undefined): string {
  switch (format) {
    case 'email':
      return 'email';
    case 'uri':
      return 'url';
    case 'date':
      return 'date';
    default:
      return 'text';
  }
}

function Control({
  field,
  id,
  value,
  invalid,
  onChange,
}: {
  field: FieldSpec;
  id: string;
  value: FieldValue | undefined;
  invalid: boolean;
  onChange(v: FieldValue): void;
}) {
  const text = typeof value === 'string' ? value : '';
  const described = `${id}-note`;
  switch (field.kind) {
    case 'text':
      return (
        <input
          id={id}
          className={`input${invalid ? ' invalid' : ''}`}
          type={inputType(field.format)}
          value={text}
          aria-describedby={described}
          aria-invalid={invalid || undefined}
          aria-required={field.required || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'number':
      return (
        <input
          id={id}
          className={`input narrow${invalid ? ' invalid' : ''}`}
          inputMode={field.integer ? 'numeric' : 'decimal'}
          aria-required={field.required || undefined}
          value={text}
          aria-describedby={described}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'boolean':
      return (
        <label className="check-row">
          <input id={id} type="checkbox" checked={value === true} aria-describedby={described} onChange={(e) => onChange(e.target.checked)} />
          <span>{field.label}</span>
        </label>
      );
    case 'select':
      return (
        <select
          id={id}
          className={`input${invalid ? ' invalid' : ''}`}
          value={text}
          aria-describedby={described}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value)}
        >
          {!field.required || text === '' ? <option value="">{field.required ? 'Choose…' : 'No answer'}</option> : null}
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'multi': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <div className="check-group" id={id} role="group" aria-label={field.label} aria-describedby={described}>
          {field.options.map((o) => (
            <label key={o.value} className="check-row">
              <input
                type="checkbox"
                checked={chosen.includes(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      );
    }
    case 'unsupported':
      return <p className="muted small">Switchboard cannot fill in a field of type {field.type}; it is left out.</p>;
    default:
      return assertNever(field);
  }
}

export function ElicitationField({
  field,
  index,
  value,
  error,
  onChange,
}: {
  field: FieldSpec;
  index: number;
  value: FieldValue | undefined;
  error?: string | undefined;
  onChange(v: FieldValue): void;
}) {
  const id = `elicit-${index}`;
  const hints = [
    field.description,
    field.kind === 'number' && (field.minimum !== undefined || field.maximum !== undefined)
      ? `${field.integer ? 'whole number' : 'number'}${field.minimum !== undefined ? ` from ${field.minimum}` : ''}${field.maximum !== undefined ? ` to ${field.maximum}` : ''}`
      : undefined,
    field.kind === 'multi' && field.maxItems !== undefined ? `choose up to ${field.maxItems}` : undefined,
  ].filter(Boolean);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      {field.kind !== 'boolean' && (
        <label htmlFor={field.kind === 'multi' ? undefined : id} className="field-label">
          {field.label}
          {field.required && (
            <span className="required" aria-hidden="true">
              {' '}
              *
            </span>
          )}
        </label>
      )}
      <Control field={field} id={id} value={value} invalid={error !== undefined} onChange={onChange} />
      {error ? (
        <p className="field-error" id={`${id}-note`} role="alert">
          {error}
        </p>
      ) : hints.length ? (
        <p className="field-hint" id={`${id}-note`}>
          {hints.join(' · ')}
        </p>
      ) : null}
    </div>
  );
}
