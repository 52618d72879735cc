// Add or edit one server (mount with key={editing}, so switching servers starts a fresh form): stdio (command, arguments, environment, folder) or remote (URL, transport, headers, sign-in).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Field } from '../../ui/Field.tsx';
import { Toggle } from '../../ui/Toggle.tsx';
import { ArgsEditor } from './ArgsEditor.tsx';
import { SecretRowsEditor } from './SecretRowsEditor.tsx';
import { SignInSetup } from './SignInSetup.tsx';
import { ServerStatusLine } from './ServerStatusLine.tsx';
import { suggestName, suggestSplit } from './commandLine.ts';
import { emptyForm, formFromView, formToParams, mapIssues, rowId, validateForm, type FieldErrors, type ServerFormState } from './serverForm.ts';

const rowPrefix: Partial<Record<keyof ServerFormState, string>> = { args: 'arg:', env: 'env:', headers: 'header:', oauth: 'oauth.' };

/** Editing a field clears its error (and the form-level one); other fields keep theirs until the next save. */
function clearTouched(errors: FieldErrors, patch: Partial<ServerFormState>): FieldErrors {
  const next = { ...errors };
  delete next.form;
  for (const key of Object.keys(patch) as (keyof ServerFormState)[]) {
    const prefix = rowPrefix[key];
    for (const field of Object.keys(next)) if (field === key || (prefix && field.startsWith(prefix))) delete next[field];
  }
  return next;
}

export function ServerForm({ editing }: { editing: string }) {
  const view = useAppStore((s) => (editing === 'new' ? undefined : s.servers.byName[editing]));
  const names = useAppStore((s) => s.servers.order);
  const { upsertServer, removeServer, editServer } = useActions();
  const [form, setForm] = useState<ServerFormState>(() => (view ? formFromView(view) : emptyForm()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    formRef.current?.scrollIntoView({ block: 'start' });
    nameRef.current?.focus({ preventScroll: true });
  }, []);

  const set = (patch: Partial<ServerFormState>) => {
    setForm((f) => ({ ...f, ...patch }));
    setSaved(false);
    setErrors((current) => clearTouched(current, patch));
  };
  const others = names.filter((n) => n !== form.previousName);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = validateForm(form, others);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    const error = await upsertServer(formToParams(form));
    setSaving(false);
    if (!error) {
      setSaved(true);
      editServer(form.name.trim());
      return;
    }
    const mapped = error.issues?.length ? mapIssues(form, error.issues) : { form: error.message };
    if (!error.issues?.length) mapped.form = error.message;
    setErrors(mapped);
  };

  const isNew = !form.previousName;
  const split = form.kind === 'stdio' ? suggestSplit(form.command) : null;
  const betterName = suggestName(form.name);
  return (
    <form
      ref={formRef}
      className="card server-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={isNew ? 'Add a server' : `Edit ${form.previousName}`}
    >
      <div className="card-head">
        <h2>{isNew ? 'Add a server' : `Edit ${form.previousName}`}</h2>
      </div>
      <Field
        id="srv-name"
        label="Name"
        error={errors.name}
        hint={
          betterName ? (
            <span className="field-warn">
              Names with spaces or tabs are hard to tell apart in tool names. Use <span className="mono">{betterName}</span>?{' '}
              <button type="button" className="link-btn" onClick={() => set({ name: betterName })}>
                Replace with '-'
              </button>
            </span>
          ) : (
            'Shown in tool cards and used to name its tools for Claude.'
          )
        }
      >
        <input
          ref={nameRef}
          id="srv-name"
          className="input"
          value={form.name}
          onChange={(e) => set({ name: e.target.value })}
          aria-invalid={errors.name ? true : undefined}
          spellCheck={false}
          autoComplete="off"
        />
      </Field>

      <div className="segmented" role="radiogroup" aria-label="How to reach the server">
        {(['stdio', 'remote'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            role="radio"
            aria-checked={form.kind === kind}
            className={form.kind === kind ? 'on' : ''}
            onClick={() => set({ kind })}
            aria-label={kind === 'stdio' ? 'Local command (stdio)' : 'Remote URL (HTTP)'}
          >
            {kind === 'stdio' ? 'Local command' : 'Remote URL'}
          </button>
        ))}
      </div>

      {form.kind === 'stdio' ? (
        <>
          <Field
            id="srv-command"
            label="Command"
            error={errors.command}
            hint={
              split ? (
                <span className="field-warn">
                  This looks like a command with arguments. Put <span className="mono">{split.command}</span> in Command and the rest in Arguments.{' '}
                  <button
                    type="button"
                    className="link-btn"
                    onClick={() => set({ command: split.command, args: [...form.args, ...split.args.map((value) => ({ id: rowId(), value }))] })}
                  >
                    Split into arguments
                  </button>
                </span>
              ) : (
                'The program to run, e.g. npx, uvx, node, or a full path.'
              )
            }
          >
            <input
              id="srv-command"
              className="input mono"
              value={form.command}
              onChange={(e) => set({ command: e.target.value })}
              aria-invalid={errors.command ? true : undefined}
              spellCheck={false}
              autoComplete="off"
            />
          </Field>
          <ArgsEditor rows={form.args} errors={errors} onChange={(args) => set({ args })} />
          <SecretRowsEditor legend="Environment" prefix="env" keyPlaceholder="NAME" rows={form.env} errors={errors} onChange={(env) => set({ env })} />
          <Field id="srv-cwd" label="Working folder (optional)" error={errors.cwd}>
            <input id="srv-cwd" className="input mono" value={form.cwd} onChange={(e) => set({ cwd: e.target.value })} spellCheck={false} autoComplete="off" />
          </Field>
          <ProtocolField
            value={form.protocol}
            onChange={(protocol) => set({ protocol })}
            defaultLabel="2025-11-25 (the default for local servers)"
            offerAsk
            hint="Ask the server only if it is built for 2026-07-28: some older local servers quit when asked first."
          />
        </>
      ) : (
        <>
          <Field id="srv-url" label="URL" error={errors.url} hint="The server's MCP endpoint, e.g. https://example.com/mcp.">
            <input
              id="srv-url"
              className="input mono"
              type="url"
              value={form.url}
              onChange={(e) => set({ url: e.target.value })}
              aria-invalid={errors.url ? true : undefined}
              spellCheck={false}
              autoComplete="off"
            />
          </Field>
          <Field id="srv-transport" label="Transport" hint="Automatic tries Streamable HTTP first, then SSE.">
            <select
              id="srv-transport"
              className="input"
              value={form.transport}
              onChange={(e) => set({ transport: e.target.value as ServerFormState['transport'] })}
            >
              <option value="auto">Automatic</option>
              <option value="http">Streamable HTTP</option>
              <option value="sse">SSE (older servers)</option>
            </select>
          </Field>
          <SecretRowsEditor
            legend="Headers"
            prefix="header"
            keyPlaceholder="Authorization"
            rows={form.headers}
            errors={errors}
            onChange={(headers) => set({ headers })}
          />
          <ProtocolField
            value={form.protocol}
            onChange={(protocol) => set({ protocol })}
            defaultLabel="Ask the server (the default)"
            offerAsk={false}
            hint="Switchboard asks the server which protocol it speaks and uses 2026-07-28 where it can."
          />
          <SignInSetup value={form.oauth} errors={errors} onChange={(oauth) => set({ oauth })} />
        </>
      )}

      <div className="field field-inline">
        <Toggle checked={!form.disabled} onChange={(on) => set({ disabled: !on })} label="Server enabled" />
        <span>{form.disabled ? 'Disabled: saved but not started' : 'Enabled: starts as soon as it is saved'}</span>
      </div>

      {!isNew && form.previousName && <ServerStatusLine name={form.previousName} />}
      {errors.form && (
        <p className="inline-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving} aria-label={isNew ? 'Add server' : 'Save server'}>
          {saving ? 'Saving…' : isNew ? 'Add server' : 'Save'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => editServer(null)} aria-label="Close the form">
          {saved || !isNew ? 'Done' : 'Cancel'}
        </button>
        {saved && <span className="muted small">Saved.</span>}
        <span className="spacer" />
        {!isNew &&
          form.previousName &&
          (confirmRemove ? (
            <>
              <span className="small">Remove {form.previousName}?</span>
              <button
                type="button"
                className="btn btn-danger"
                onClick={() => void removeServer(form.previousName!)}
                aria-label={`Confirm removing ${form.previousName}`}
              >
                Remove
              </button>
              <button type="button" className="btn btn-ghost" onClick={() => setConfirmRemove(false)} aria-label="Keep server">
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-ghost danger" onClick={() => setConfirmRemove(true)} aria-label={`Remove ${form.previousName}`}>
              Remove server
            </button>
          ))}
      </div>
    </form>
  );
}

/** The protocol era of the entry (`protocol` in config.json); '' keeps Switchboard's default for the kind of server. */
function ProtocolField(p: {
  value: ServerFormState['protocol'];
  onChange: (v: ServerFormState['protocol']) => void;
  defaultLabel: string;
  offerAsk: boolean;
  hint: string;
}) {
  return (
    <Field id="srv-protocol" label="Protocol" hint={p.hint}>
      <select id="srv-protocol" className="input" value={p.value} onChange={(e) => p.onChange(e.target.value as ServerFormState['protocol'])}>
        <option value="">{p.defaultLabel}</option>
        {p.offerAsk && <option value="auto">Ask the server</option>}
        <option value="2026-07-28">2026-07-28</option>
        <option value="2025-11-25">2025-11-25</option>
      </select>
    </Field>
  );
}
