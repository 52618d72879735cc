// Other apps' files found on this machine: each with its servers (exact command line or URL), pick which to take.
import { useState } from 'react';
import type { ImportResult, ImportSourceView } from '../../../app/api/index.ts';
import { useActions } from '../../store/storeContext.tsx';
import { ShownLaunch } from '../servers/ShownLaunch.tsx';

type Picks = Record<string, string[]>;

function defaultPicks(sources: ImportSourceView[]): Picks {
  return Object.fromEntries(sources.map((s) => [s.path, s.servers.filter((v) => !v.problem).map((v) => v.name)]));
}

function SourceCard({
  source,
  picked,
  onPick,
  answers,
  onAnswer,
}: {
  source: ImportSourceView;
  picked: string[];
  onPick(names: string[]): void;
  answers: Record<string, string>;
  onAnswer(id: string, value: string): void;
}) {
  const needed = source.inputs.filter((i) => source.servers.some((s) => picked.includes(s.name) && s.inputs.includes(i.id)));
  return (
    <section className="found-source" aria-label={`${source.label}: ${source.servers.length} server${source.servers.length === 1 ? '' : 's'}`}>
      <div className="found-head">
        <strong>{source.label}</strong>
        <span className="small muted">
          {source.servers.length} server{source.servers.length === 1 ? '' : 's'}
        </span>
      </div>
      <p className="small muted mono found-path">{source.path}</p>
      {source.error && (
        <p className="inline-error small" role="alert">
          {source.error}
        </p>
      )}
      <ul className="found-list">
        {source.servers.map((s) => (
          <li key={s.name}>
            <label className="check-row">
              <input
                type="checkbox"
                checked={picked.includes(s.name)}
                disabled={!!s.problem}
                onChange={(e) => onPick(e.target.checked ? [...picked, s.name] : picked.filter((n) => n !== s.name))}
                aria-label={`Import ${s.name} from ${source.label}`}
              />
              <strong>{s.name}</strong>
              <span className="small muted">{s.transport === 'stdio' ? 'runs on this computer' : 'remote'}</span>
              {s.exists && <span className="small muted">· added as a copy: the name is taken</span>}
            </label>
            {s.problem || !s.launch ? (
              <p className="small inline-error">{s.problem ?? 'This entry cannot be read.'}</p>
            ) : (
              <ShownLaunch launch={s.launch} label={`What ${s.name} runs`} />
            )}
          </li>
        ))}
      </ul>
      {needed.map((input) => (
        <div className="field" key={input.id}>
          <label className="field-label" htmlFor={`input-${source.path}-${input.id}`}>
            {input.description}
          </label>
          <input
            id={`input-${source.path}-${input.id}`}
            className="input"
            type={input.password ? 'password' : 'text'}
            autoComplete="off"
            value={answers[input.id] ?? ''}
            onChange={(e) => onAnswer(input.id, e.target.value)}
          />
          <p className="field-hint">
            Asked once by {source.label}&rsquo;s file (<span className="mono">{`\${input:${input.id}}`}</span>)
            {input.password ? <>; stored with the server&rsquo;s secrets.</> : '.'}
          </p>
        </div>
      ))}
    </section>
  );
}

export function FoundServers({ sources, onImported }: { sources: ImportSourceView[]; onImported(added: string[], issues: ImportResult['issues']): void }) {
  const { importFound } = useActions();
  const [picks, setPicks] = useState<Picks>(() => defaultPicks(sources));
  const [answers, setAnswers] = useState<Record<string, Record<string, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const count = Object.values(picks).reduce((n, p) => n + p.length, 0);

  const run = async () => {
    setBusy(true);
    setError(null);
    const added: string[] = [];
    const issues: ImportResult['issues'] = [];
    for (const source of sources) {
      const names = picks[source.path] ?? [];
      if (names.length === 0) continue;
      const out = await importFound(source.path, names, answers[source.path] ?? {});
      if ('message' in out) {
        setError(`${source.label}: ${out.message}`);
        break;
      }
      added.push(...out.added);
      issues.push(...out.issues);
    }
    setBusy(false);
    if (added.length > 0 || issues.length > 0) onImported(added, issues);
  };

  return (
    <div className="found-servers">
      {sources.map((source) => (
        <SourceCard
          key={source.path}
          source={source}
          picked={picks[source.path] ?? []}
          onPick={(names) => setPicks((p) => ({ ...p, [source.path]: names }))}
          answers={answers[source.path] ?? {}}
          onAnswer={(id, value) => setAnswers((a) => ({ ...a, [source.path]: { ...a[source.path], [id]: value } }))}
        />
      ))}
      {error && (
        <p className="inline-error small" role="alert">
          {error}
        </p>
      )}
      <div className="row-gap">
        <button type="button" className="btn btn-primary" disabled={busy || count === 0} onClick={() => void run()} aria-label="Import the picked servers">
          {busy ? 'Importing…' : `Import ${count} server${count === 1 ? '' : 's'}`}
        </button>
        <span className="small muted">Nothing starts until you approve each command.</span>
      </div>
    </div>
  );
}
