// OAuth sign-in of a remote server: "Sign in to <host>" (the host is shown before anything opens), who is
// signed in, and Sign out.
import { useState } from 'react';
import type { ServerView } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { openCheckedLink } from '../../ui/linkOpener.ts';
import { ServerAccounts } from './ServerAccounts.tsx';

export function ServerSignIn({ server }: { server: ServerView }) {
  const actions = useActions();
  const busy = useAppStore((s) => s.servers.pending[server.name] !== undefined);
  const [opened, setOpened] = useState<{ host: string; refused?: string } | null>(null);
  const state = server.state;
  const auth = server.auth;
  const name = server.name;

  async function signIn(): Promise<void> {
    const start = await actions.signIn(name);
    if (!start || start.kind === 'signed-in') return setOpened(null);
    if (start.opened) return setOpened({ host: start.authorizationHost });
    const check = openCheckedLink(start.url);
    setOpened(check.ok ? { host: start.authorizationHost } : { host: start.authorizationHost, refused: check.reason });
  }

  if (state.kind === 'needs-sign-in') {
    return (
      <div className="callout callout-warn" role="status" aria-label="Sign-in needed">
        <p className="callout-title">{state.message}</p>
        <p className="small">The button opens that sign-in page in your browser. Sign in there; this server connects by itself when you are done.</p>
        <div className="toolbar">
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void signIn()}>
            Sign in to {state.authorizationHost}
          </button>
        </div>
        {opened && !opened.refused && <p className="small muted">Waiting for you to finish signing in at {opened.host}…</p>}
        {opened?.refused && <p className="inline-error">{opened.refused}</p>}
        {(auth?.accounts?.length ?? 0) > 1 && <ServerAccounts server={server} />}
      </div>
    );
  }
  if (auth?.grant === 'authorization_code' && (auth.accounts?.length ?? 0) > 0) return <ServerAccounts server={server} />;
  if (!auth?.signedIn) return null;
  const who = auth.account ? ` as ${auth.account}` : '';
  const where = auth.authorizationHost ? ` to ${auth.authorizationHost}` : '';
  return (
    <div className="section signed-in" aria-label="Sign-in">
      <p className="small">
        {auth.grant === 'client_credentials' ? `Switchboard signs in${where} with this server's client credentials.` : `Signed in${where}${who}.`}
        {auth.scopes && auth.scopes.length > 0 && <span className="muted"> Access: {auth.scopes.join(', ')}.</span>}
      </p>
      {auth.grant !== 'client_credentials' && (
        <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void actions.signOut(name)} aria-label={`Sign out of ${name}`}>
          Sign out
        </button>
      )}
    </div>
  );
}
