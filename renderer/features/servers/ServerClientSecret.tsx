// The OAuth client secret (or private key) a remote entry names with `oauth.clientSecretRef`: typed here,
// stored in the core's secret store, never shown again and never written to config.json.
import { useState, type FormEvent } from 'react';
import type { ServerView } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';

export function ServerClientSecret({ server }: { server: ServerView }) {
  const { setClientSecret } = useActions();
  const busy = useAppStore((s) => s.servers.pending[server.name] !== undefined);
  const [value, setValue] = useState('');
  const ref = server.auth?.clientSecretRef;
  if (!ref) return null;
  const isKey = value.includes('PRIVATE KEY');
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!value.trim()) return;
    await setClientSecret(server.name, value.trim());
    setValue('');
  };
  return (
    <form className="section client-secret" onSubmit={(e) => void save(e)} aria-label="OAuth client secret">
      <label htmlFor={`client-secret-${server.name}`} className="small">
        Client secret <code>{ref}</code>:{' '}
        {server.auth?.clientSecretSet ? <span className="ok-note">stored</span> : <span className="muted">not stored yet</span>}
      </label>
      <div className="toolbar">
        <input
          id={`client-secret-${server.name}`}
          className="input mono"
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={server.auth?.clientSecretSet ? 'Type a new secret to replace it' : 'Secret, or a PKCS#8 private key'}
        />
        <button type="submit" className="btn" disabled={busy || !value.trim()}>
          {isKey ? 'Save key' : 'Save secret'}
        </button>
        {server.auth?.clientSecretSet && (
          <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void setClientSecret(server.name, null)}>
            Forget
          </button>
        )}
      </div>
      <p className="small muted">Kept in Switchboard&apos;s secret store, never in config.json.</p>
    </form>
  );
}
