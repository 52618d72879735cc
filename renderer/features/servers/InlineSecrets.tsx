// A quiet warning when a server's secrets are still written in config.json in plain text (typed there
// by hand), with the one way out: move them into the secret store. Names only; values never reach here.
import { useState } from 'react';
import type { ServerView } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Prose } from '../../ui/Prose.tsx';

/** "GITHUB_TOKEN is", "GITHUB_TOKEN and API_KEY are", "A, B and C are". */
function namesAre(names: readonly string[]): string {
  if (names.length === 1) return `${names[0]} is`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are`;
}

/** The callout's sentence for these names. */
export function inlineSecretsMessage(names: readonly string[]): string {
  return `${namesAre(names)} written in config.json in plain text.`;
}

export function InlineSecrets({ server }: { server: ServerView }) {
  const actions = useActions();
  const busy = useAppStore((s) => s.servers.pending[server.name] !== undefined);
  const [error, setError] = useState<string | null>(null);
  const names = server.inlineSecrets;
  if (names.length === 0) return null;

  async function move(): Promise<void> {
    setError(null);
    const failed = await actions.moveInlineSecrets(server.name);
    setError(failed ? failed.message : null);
  }

  return (
    <div className="callout callout-warn" role="status" aria-label={`Secrets of ${server.name} in config.json`}>
      <p className="callout-title">{inlineSecretsMessage(names)}</p>
      <p className="small">
        Anyone or anything that can read that file can read {names.length === 1 ? 'it' : 'them'}. Moving {names.length === 1 ? 'it' : 'them'} keeps the server
        working as it is and leaves only a reference in the file.
      </p>
      <div className="toolbar">
        <button type="button" className="btn" disabled={busy} onClick={() => void move()} aria-label={`Move the secrets of ${server.name} to the secret store`}>
          Move to the secret store
        </button>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          <Prose text={error} />
        </p>
      )}
    </div>
  );
}
