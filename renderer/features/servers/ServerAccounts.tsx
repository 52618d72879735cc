// The accounts signed in to a remote server: each with the label the person gave it (renamable), which one
// the server uses by default, Sign out per account, and "Add another account" (a sign-in that keeps the others).
import { useState, type FormEvent } from 'react';
import type { AccountView, ServerView, SignInStart } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { openCheckedLink } from '../../ui/linkOpener.ts';

/** Opens the authorization page a sign-in start names (unless the host already did); what the page should say meanwhile. */
function openStart(start: SignInStart | null): { host: string; refused?: string } | null {
  if (!start || start.kind === 'signed-in') return null;
  if (start.opened) return { host: start.authorizationHost };
  const check = openCheckedLink(start.url);
  return check.ok ? { host: start.authorizationHost } : { host: start.authorizationHost, refused: check.reason };
}

function AccountRow({ server, account, only }: { server: ServerView; account: AccountView; only: boolean }) {
  const { renameAccount, setDefaultAccount, signOutAccount, signInAccount } = useActions();
  const [opened, setOpened] = useState<{ host: string; refused?: string } | null>(null);
  const busy = useAppStore((s) => s.servers.pending[server.name] !== undefined);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (editing === null) return;
    const label = editing.trim();
    if (!label || label === account.label) return setEditing(null);
    const problem = await renameAccount(server.name, account.id, label);
    if (problem) return setError(problem.message);
    setError(null);
    setEditing(null);
  };
  return (
    <li className="account-row" aria-label={`Account ${account.label}`}>
      {editing !== null ? (
        <form className="account-rename" onSubmit={(e) => void save(e)}>
          <input
            className="input"
            value={editing}
            autoFocus
            maxLength={80}
            aria-label={`New name for ${account.label}`}
            onChange={(e) => setEditing(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                setEditing(null);
              }
            }}
          />
          <button type="submit" className="btn btn-small" disabled={busy}>
            Save
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </form>
      ) : (
        <span className="account-name">
          <span className="account-label" title={account.label}>
            {account.label}
          </span>
          {account.isDefault && !only && <span className="chip">default</span>}
          {account.needsSignIn && <span className="chip chip-warn">needs sign-in</span>}
        </span>
      )}
      {editing === null && (
        <span className="account-actions">
          {account.needsSignIn && (
            <button
              type="button"
              className="btn btn-small"
              disabled={busy}
              onClick={() => void signInAccount(server.name, account.id).then(openStart).then(setOpened)}
              aria-label={`Sign in again as ${account.label}`}
            >
              Sign in again
            </button>
          )}
          {!account.isDefault && (
            <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => void setDefaultAccount(server.name, account.id)}>
              Use by default
            </button>
          )}
          <button
            type="button"
            className="btn btn-small btn-ghost"
            disabled={busy}
            onClick={() => setEditing(account.label)}
            aria-label={`Rename ${account.label}`}
          >
            Rename
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            disabled={busy}
            onClick={() => void signOutAccount(server.name, account.id)}
            aria-label={only ? `Sign out of ${server.name}` : `Sign out ${account.label}`}
          >
            Sign out
          </button>
        </span>
      )}
      {error && <p className="inline-error small">{error}</p>}
      {opened?.refused && <p className="inline-error small">{opened.refused}</p>}
      {opened && !opened.refused && account.needsSignIn && (
        <p className="small muted account-note" role="status">
          Waiting for you to sign in as {account.label} at {opened.host}…
        </p>
      )}
    </li>
  );
}

export function ServerAccounts({ server }: { server: ServerView }) {
  const { signInAccount } = useActions();
  const busy = useAppStore((s) => s.servers.pending[server.name] !== undefined);
  /** The sign-in page opened for one more account, and how many accounts there were then (it is done when there are more). */
  const [opened, setOpened] = useState<{ host: string; refused?: string; had: number } | null>(null);
  const auth = server.auth;
  const accounts = auth?.accounts ?? [];
  if (!auth || auth.grant === 'client_credentials' || accounts.length === 0) return null;

  async function add(): Promise<void> {
    const had = accounts.length;
    const shown = openStart(await signInAccount(server.name, 'new'));
    setOpened(shown && { ...shown, had });
  }

  return (
    <section className="section accounts" aria-label="Accounts">
      {accounts.length === 1 ? (
        <p className="small">
          Signed in{auth.authorizationHost ? ` to ${auth.authorizationHost}` : ''} as {accounts[0]!.label}.
        </p>
      ) : (
        <h3 className="section-title">Accounts{auth.authorizationHost && <span className="muted">at {auth.authorizationHost}</span>}</h3>
      )}
      <ul className="account-list">
        {accounts.map((a) => (
          <AccountRow key={a.id} server={server} account={a} only={accounts.length === 1} />
        ))}
      </ul>
      <div className="toolbar">
        <button type="button" className="btn" disabled={busy} onClick={() => void add()}>
          Add another account
        </button>
        {auth.scopes && auth.scopes.length > 0 && <span className="small muted">Access: {auth.scopes.join(', ')}.</span>}
      </div>
      {opened && !opened.refused && accounts.length <= opened.had && (
        <p className="small muted" role="status">
          Waiting for you to sign in with the other account{opened?.host || auth.authorizationHost ? ` at ${opened?.host ?? auth.authorizationHost}` : ''}…
          Choose that account on the sign-in page (sign out of the first one there if it signs you in at once).
        </p>
      )}
      {opened?.refused && <p className="inline-error">{opened.refused}</p>}
      {accounts.length > 1 && <p className="small muted">Conversations use the default account unless you pick another one in the chat.</p>}
    </section>
  );
}
