// The API key (masked; only whether one is set comes back), the model, the base URL and the token limit.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Field } from '../../ui/Field.tsx';
import { SaveActions } from '../../ui/SaveActions.tsx';

function KeyForm() {
  const view = useAppStore((s) => s.settings.view);
  const focus = useAppStore((s) => s.ui.focusTarget);
  const { updateSettings, consumeFocus } = useActions();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focus === 'api-key') {
      input.current?.focus();
      input.current?.scrollIntoView({ block: 'center' });
      consumeFocus();
    }
  }, [focus, consumeFocus]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!key.trim()) return setError('Paste your key first. It starts with sk-ant-.');
    const failure = await updateSettings({ apiKey: key.trim() });
    if (failure) return setError(failure.message);
    setKey('');
    setError(null);
    setNote('Saved. New messages use this key.');
  };
  const clear = async () => {
    const failure = await updateSettings({ apiKey: null });
    setError(failure?.message ?? null);
    setNote(failure ? null : 'The stored key was removed.');
  };

  const source = view?.apiKeySource ?? 'none';
  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <Field
        id="api-key"
        label="Anthropic API key"
        error={error ?? undefined}
        hint={
          source === 'settings'
            ? 'A key is saved. Paste a new one to replace it.'
            : source === 'env'
              ? 'Using the key from the ANTHROPIC_API_KEY environment variable. A key saved here takes precedence.'
              : 'No key yet. Create one at console.anthropic.com and paste it here.'
        }
      >
        <div className="row-inputs">
          <input
            ref={input}
            id="api-key"
            className="input mono"
            type="password"
            autoComplete="off"
            placeholder={source === 'settings' ? '•••••••••••• (saved)' : source === 'env' ? 'Set by ANTHROPIC_API_KEY' : 'sk-ant-…'}
            value={key}
            onChange={(e) => {
              setKey(e.target.value);
              setNote(null);
            }}
          />
          <button type="submit" className="btn btn-primary" aria-label="Save API key">
            Save key
          </button>
          {source === 'settings' && (
            <button type="button" className="btn btn-ghost danger" onClick={() => void clear()} aria-label="Remove the saved API key">
              Remove
            </button>
          )}
        </div>
      </Field>
      {note && (
        <p className="ok-note small" role="status">
          {note}
        </p>
      )}
    </form>
  );
}

function ModelForm() {
  const view = useAppStore((s) => s.settings.view);
  const { updateSettings } = useActions();
  const [model, setModel] = useState(view?.model ?? '');
  const [baseUrl, setBaseUrl] = useState(view?.baseUrl ?? '');
  const [maxTokens, setMaxTokens] = useState(String(view?.maxTokens ?? ''));
  const [titleModel, setTitleModel] = useState(view?.titleModel ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const unchanged =
    model.trim() === (view?.model ?? '') &&
    baseUrl.trim() === (view?.baseUrl ?? '') &&
    maxTokens.trim() === String(view?.maxTokens ?? '') &&
    titleModel.trim() === (view?.titleModel ?? '');

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    const tokens = Number(maxTokens);
    if (!model.trim()) next.model = 'Choose a model or type its id.';
    if (!titleModel.trim()) next.titleModel = 'Choose a model or type its id.';
    if (!Number.isInteger(tokens) || tokens < 1 || tokens > 128_000) next.maxTokens = 'A whole number from 1 to 128000.';
    if (baseUrl.trim() && !/^https?:\/\/[^\s]+$/.test(baseUrl.trim())) next.baseUrl = 'A full http(s) URL, or empty for the default.';
    setErrors(next);
    if (Object.keys(next).length) return;
    const failure = await updateSettings({ model: model.trim(), baseUrl: baseUrl.trim(), maxTokens: tokens, titleModel: titleModel.trim() });
    if (failure) {
      const byField: Record<string, string> = {};
      for (const i of failure.issues ?? []) byField[i.path || 'form'] = i.message;
      if (!failure.issues?.length) byField.form = failure.message;
      setErrors(byField);
    } else setSaved(true);
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate onChange={() => setSaved(false)}>
      <Field id="model" label="Model" error={errors.model} hint="Pick one or type any model id.">
        <input id="model" className="input mono" list="model-options" value={model} onChange={(e) => setModel(e.target.value)} spellCheck={false} />
        <datalist id="model-options">
          {(view?.models ?? []).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </Field>
      <Field
        id="title-model"
        label="Model for titles"
        error={errors.titleModel}
        hint="After a conversation's first answer, this small model names it in a few words."
      >
        <input
          id="title-model"
          className="input mono"
          list="model-options"
          value={titleModel}
          onChange={(e) => setTitleModel(e.target.value)}
          spellCheck={false}
        />
      </Field>
      <Field id="max-tokens" label="Max tokens per answer" error={errors.maxTokens}>
        <input id="max-tokens" className="input narrow" inputMode="numeric" value={maxTokens} onChange={(e) => setMaxTokens(e.target.value)} />
      </Field>
      <Field
        id="base-url"
        label="API base URL"
        error={errors.baseUrl}
        hint={view?.effectiveBaseUrl ? `Now using ${view.effectiveBaseUrl}. Leave empty for the default.` : 'Leave empty for the default.'}
      >
        <input
          id="base-url"
          className="input mono"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          placeholder="https://api.anthropic.com"
          spellCheck={false}
        />
      </Field>
      {errors.form && <p className="inline-error">{errors.form}</p>}
      <SaveActions label="Save model settings" saved={saved} unchanged={unchanged} />
    </form>
  );
}

export function ApiSettings() {
  const loaded = useAppStore((s) => s.settings.view !== null);
  return (
    <section className="card" aria-labelledby="api-heading">
      <div className="card-head">
        <h2 id="api-heading">Claude</h2>
      </div>
      {loaded ? (
        <>
          <KeyForm />
          <ModelForm />
        </>
      ) : (
        <p className="muted">Loading settings…</p>
      )}
    </section>
  );
}
