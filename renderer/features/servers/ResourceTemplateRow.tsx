// One resource template: its variables as fields with the server's suggestions, filled in and read.
import { useState, type FormEvent } from 'react';
import type { ResourceTemplateView } from '../../../app/api/index.ts';
import { useActions } from '../../store/storeContext.tsx';
import { CompletionField } from '../protocol/CompletionField.tsx';

export function ResourceTemplateRow({ template, index, onRead }: { template: ResourceTemplateView; index: number; onRead(uri: string): void }) {
  const { expandTemplate } = useActions();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(template.variables.map((v) => [v, ''])));
  const [error, setError] = useState<string | null>(null);
  const label = template.title ?? template.name;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const missing = template.variables.filter((v) => !values[v]?.trim());
    if (missing.length) return setError(`Fill in ${missing.join(', ')}.`);
    const result = await expandTemplate(template.uriTemplate, values);
    if ('message' in result) return setError(result.message);
    setError(null);
    onRead(result.uri);
  };

  return (
    <li className="resource-row">
      <div className="resource-main">
        <div className="tool-row-head">
          <span className="resource-name">{label}</span>
          {template.mimeType && <span className="chip">{template.mimeType}</span>}
        </div>
        <p className="mono small muted resource-uri">{template.uriTemplate}</p>
        {template.description && <p className="tool-desc prewrap">{template.description}</p>}
        {open && (
          <form className="template-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Fill in ${label}`}>
            {template.variables.map((v, i) => {
              const id = `tpl-${index}-${i}`;
              return (
                <div key={v} className="field">
                  <label htmlFor={id} className="field-label mono">
                    {v}
                  </label>
                  <CompletionField
                    id={id}
                    server={template.server}
                    completionRef={{ type: 'ref/resource', uri: template.uriTemplate }}
                    name={v}
                    value={values[v] ?? ''}
                    others={Object.fromEntries(Object.entries(values).filter(([k]) => k !== v))}
                    onChange={(value) => setValues((s) => ({ ...s, [v]: value }))}
                    onEnter={() => void submit()}
                  />
                </div>
              );
            })}
            {error && <p className="field-error">{error}</p>}
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" aria-label={`Read ${label}`}>
                Read
              </button>
            </div>
          </form>
        )}
      </div>
      {!open && (
        <button type="button" className="btn" onClick={() => setOpen(true)} aria-label={`Fill in the template ${label}`}>
          Fill in
        </button>
      )}
    </li>
  );
}
