// Tool search: past a number of enabled tools, tools go to Claude deferred and it loads the ones it needs;
// pinned tools always go with their definitions. Off, every tool is sent and the tool budget asks first.
import { useState, type FormEvent } from 'react';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Field } from '../../ui/Field.tsx';
import { SaveActions } from '../../ui/SaveActions.tsx';
import { Toggle } from '../../ui/Toggle.tsx';

function ThresholdForm({ initial }: { initial: number }) {
  const { updateSettings } = useActions();
  const [value, setValue] = useState(String(initial));
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) return setError('A whole number of tools from 1 to 10,000.');
    setError(undefined);
    const failure = await updateSettings({ toolSearchAfter: n });
    if (failure) setError(failure.issues?.[0]?.message ?? failure.message);
    else setSaved(true);
  };
  return (
    <form onSubmit={(e) => void save(e)} noValidate onChange={() => setSaved(false)}>
      <Field
        id="tool-search-after"
        label="Use tool search past this many enabled tools"
        error={error}
        hint="Also past about 40,000 tokens of tool definitions, whatever the count."
      >
        <input id="tool-search-after" className="input input-narrow" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
      <SaveActions label="Save tool search threshold" saved={saved} unchanged={value.trim() === String(initial)} />
    </form>
  );
}

export function ToolSearchSettings() {
  const view = useAppStore((s) => s.settings.view);
  const budget = useAppStore((s) => s.settings.info?.toolBudget);
  const { updateSettings } = useActions();
  if (!view) return null;
  const on = view.toolSearch === 'auto';
  return (
    <section className="card" aria-labelledby="tool-search-heading">
      <div className="card-head">
        <h2 id="tool-search-heading">Many tools</h2>
        <Toggle checked={on} label="Use tool search when many tools are enabled" onChange={(v) => void updateSettings({ toolSearch: v ? 'auto' : 'off' })} />
      </div>
      <p className="small muted">
        {on
          ? 'Past the threshold, tools go to Claude without their definitions and it searches for the ones it needs; pinned tools and tools this conversation already called are always sent.'
          : `Off: every enabled tool is sent with each message, and past ${budget?.maxTools ?? 128} tools Switchboard asks before sending.`}
      </p>
      {budget?.toolSearchProblem && (
        <p className="inline-error small" role="status">
          Tool search is not used: {budget.toolSearchProblem}
        </p>
      )}
      {on && <ThresholdForm key={view.toolSearchAfter} initial={view.toolSearchAfter} />}
      {view.pinnedTools.length > 0 && (
        <div className="pinned-tools">
          <p className="small">Pinned (pin more on a server&rsquo;s page):</p>
          <ul className="chip-list" aria-label="Pinned tools">
            {view.pinnedTools.map((name) => (
              <li key={name} className="chip mono">
                {name}
                <button
                  type="button"
                  className="link-btn"
                  aria-label={`Unpin ${name}`}
                  onClick={() => void updateSettings({ pinnedTools: view.pinnedTools.filter((n) => n !== name) })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
