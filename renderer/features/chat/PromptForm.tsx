// A prompt's arguments, filled with the server's suggestions, before the prompt runs into the conversation.
import { useEffect, useState, type FormEvent } from 'react';
import type { PromptView } from '../../../app/api/index.ts';
import { useActions } from '../../store/storeContext.tsx';
import { CompletionField } from '../protocol/CompletionField.tsx';

export function PromptForm({ prompt, onDone }: { prompt: PromptView; onDone(ran: boolean): void }) {
  const { runPrompt } = useActions();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(prompt.arguments.map((a) => [a.name, ''])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const label = `${prompt.server} / ${prompt.name}`;

  useEffect(() => {
    document.getElementById('prompt-arg-0')?.focus();
  }, []);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const missing: Record<string, string> = {};
    for (const a of prompt.arguments) if (a.required && !values[a.name]?.trim()) missing[a.name] = `${a.title ?? a.name} is required.`;
    setErrors(missing);
    if (Object.keys(missing).length) return;
    const args = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
    setRunning(true);
    const error = await runPrompt(prompt.server, prompt.name, args);
    setRunning(false);
    if (error) {
      const byField: Record<string, string> = {};
      for (const i of error.issues ?? []) {
        const field = i.path.replace(/^arguments\./, '');
        if (field in values) byField[field] = i.message;
      }
      setErrors(byField);
      setFailure(error.message);
      return;
    }
    onDone(true);
  };

  return (
    <form
      className="composer-pop prompt-form"
      aria-label={`Arguments for the prompt ${label}`}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone(false);
        }
      }}
      noValidate
    >
      <div className="pop-head">
        <span>
          <span className="mono">/{prompt.name}</span> <span className="muted">from {prompt.server}</span>
        </span>
        <span className="muted small">Enter to run · Esc to close</span>
      </div>
      {prompt.description && <p className="small muted prewrap">{prompt.description}</p>}
      <div className="prompt-fields">
        {prompt.arguments.map((a, i) => {
          const id = `prompt-arg-${i}`;
          const others = Object.fromEntries(Object.entries(values).filter(([k]) => k !== a.name));
          return (
            <div key={a.name} className={`field${errors[a.name] ? ' has-error' : ''}`}>
              <label htmlFor={id} className="field-label">
                {a.title ?? a.name}
                {a.required && (
                  <span className="required" aria-hidden="true">
                    {' '}
                    *
                  </span>
                )}
              </label>
              <CompletionField
                id={id}
                server={prompt.server}
                completionRef={{ type: 'ref/prompt', name: prompt.name }}
                name={a.name}
                value={values[a.name] ?? ''}
                others={others}
                invalid={errors[a.name] !== undefined}
                onChange={(v) => setValues((s) => ({ ...s, [a.name]: v }))}
                onEnter={() => void submit()}
              />
              {errors[a.name] ? (
                <p className="field-error" role="alert">
                  {errors[a.name]}
                </p>
              ) : (
                a.description && <p className="field-hint">{a.description}</p>
              )}
            </div>
          );
        })}
      </div>
      {failure && (
        <p className="inline-error small" role="alert">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={running} aria-label={`Run the prompt ${prompt.name}`}>
          {running ? 'Running…' : 'Run prompt'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => onDone(false)} aria-label="Close the prompt form">
          Cancel
        </button>
      </div>
    </form>
  );
}
