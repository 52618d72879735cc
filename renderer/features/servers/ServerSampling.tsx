// Whether this server may ask Claude questions (sampling), its token cap, and every request it made.
import { useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SamplingLogEntry, SamplingOutcome } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { formatClock } from '../../ui/format.ts';
import { Toggle } from '../../ui/Toggle.tsx';
import { SamplingContent } from '../protocol/SamplingContent.tsx';

export function outcomeWord(outcome: SamplingOutcome): { word: string; tone: 'ok' | 'bad' | 'off' | 'wait' } {
  switch (outcome) {
    case 'approved':
      return { word: 'approved', tone: 'ok' };
    case 'edited':
      return { word: 'approved after edits', tone: 'ok' };
    case 'denied':
      return { word: 'denied', tone: 'off' };
    case 'refused':
      return { word: 'refused', tone: 'off' };
    case 'failed':
      return { word: 'failed', tone: 'bad' };
    case 'cancelled':
      return { word: 'cancelled', tone: 'off' };
    default:
      return assertNever(outcome);
  }
}

function LogEntry({ entry }: { entry: SamplingLogEntry }) {
  const { word, tone } = outcomeWord(entry.outcome);
  const first = entry.messages[0]?.content.find((c) => c.kind === 'text');
  return (
    <li className="sampling-entry">
      <details>
        <summary>
          <span className="log-time">{formatClock(entry.requestedAt)}</span>
          <span className={`tool-status tone-${tone}`}>{word}</span>
          <span className="truncate sampling-excerpt">{first?.kind === 'text' ? first.text : `${entry.messages.length} messages`}</span>
        </summary>
        <div className="sampling-entry-body">
          {entry.systemPrompt && (
            <>
              <div className="tool-label">System prompt</div>
              <pre className="result-text prewrap">{entry.systemPrompt}</pre>
            </>
          )}
          <div className="tool-label">Messages</div>
          {entry.messages.map((m, i) => (
            <div key={i} className="sampling-message">
              <span className="sampling-role">{m.role === 'user' ? 'User' : 'Assistant'}</span>
              <SamplingContent content={m.content} />
            </div>
          ))}
          {entry.responseText !== undefined && (
            <>
              <div className="tool-label">Claude answered</div>
              <pre className="result-text prewrap">{entry.responseText || '(empty)'}</pre>
            </>
          )}
          {entry.error && <p className="inline-error small">{entry.error}</p>}
          <p className="small muted">
            Max tokens {entry.maxTokens.toLocaleString()}
            {entry.model ? ` · ${entry.model}` : ''}
            {entry.usage ? ` · ${entry.usage.inputTokens.toLocaleString()} in / ${entry.usage.outputTokens.toLocaleString()} out` : ''}
          </p>
        </div>
      </details>
    </li>
  );
}

function Limits({ server }: { server: string }) {
  const limits = useAppStore((s) => s.protocol.samplingLimits[server]);
  const { loadSamplingLimits, setSamplingLimits } = useActions();
  const [max, setMax] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => void loadSamplingLimits(server), [server, loadSamplingLimits]);
  useEffect(() => setMax(limits ? String(limits.maxTokens) : ''), [limits]);
  if (!limits) return <p className="muted">Loading…</p>;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(max);
    if (!Number.isInteger(n) || n < 1 || n > 128_000) return setError('A whole number from 1 to 128000.');
    const failure = await setSamplingLimits(server, { maxTokens: n });
    setError(failure?.message ?? null);
    setSaved(!failure);
  };
  return (
    <>
      <div className="trust-row">
        <Toggle
          checked={limits.enabled}
          label={`Let ${server} ask Claude questions`}
          onChange={(on) => void setSamplingLimits(server, { enabled: on }).then((f) => setError(f?.message ?? null))}
        />
        <span>
          Let it ask Claude questions <span className="muted">— you approve each one. Off: refused without asking.</span>
        </span>
      </div>
      <form className="row-gap sampling-cap" onSubmit={(e) => void save(e)} noValidate>
        <label htmlFor={`sampling-cap-${server}`} className="small">
          At most
        </label>
        <input
          id={`sampling-cap-${server}`}
          className={`input input-small narrow${error ? ' invalid' : ''}`}
          inputMode="numeric"
          value={max}
          onChange={(e) => {
            setMax(e.target.value);
            setSaved(false);
          }}
          aria-label={`Maximum tokens per request from ${server}`}
        />
        <span className="small">tokens per request</span>
        <button type="submit" className="btn" aria-label={`Save the token limit for ${server}`} disabled={max === String(limits.maxTokens)}>
          Save
        </button>
        {saved && <span className="ok-note small">Saved.</span>}
      </form>
      {error && <p className="field-error">{error}</p>}
    </>
  );
}

export function ServerSampling({ name }: { name: string }) {
  const entries = useAppStore(useShallow((s) => s.protocol.samplingLog.filter((e) => e.server === name)));
  return (
    <section className="section" aria-labelledby="sampling-heading">
      <h2 id="sampling-heading" className="section-title">
        Sampling <span className="muted">{entries.length ? `${entries.length} request${entries.length > 1 ? 's' : ''}` : ''}</span>
      </h2>
      <Limits server={name} />
      {entries.length === 0 ? (
        <p className="muted small sampling-none">No requests yet. When this server asks Claude something, you decide, and it shows up here.</p>
      ) : (
        <ul className="sampling-log" aria-label={`Sampling requests from ${name}`}>
          {entries.map((e) => (
            <LogEntry key={e.id} entry={e} />
          ))}
        </ul>
      )}
    </section>
  );
}
