// Every "always allow" grant, each revocable. A grant is tied to the tool's exact definition.
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { formatRelative } from '../../ui/format.ts';

export function GrantsList() {
  const grants = useAppStore((s) => s.safety.grants);
  const { revokeGrant } = useActions();
  return (
    <section className="card" aria-labelledby="grants-heading">
      <div className="card-head">
        <h2 id="grants-heading">Always-allowed tools</h2>
      </div>
      {grants.length === 0 ? (
        <p className="small muted">
          None. When Claude asks to use a tool, choose &ldquo;Always allow&rdquo; to stop being asked for that tool. If the server later changes the
          tool&rsquo;s description, the grant is dropped and you are asked again.
        </p>
      ) : (
        <ul className="settings-list" aria-label="Always-allowed tools">
          {grants.map((g) => (
            <li key={g.id} className="grant-row">
              <div className="grant-main">
                <strong className="mono">
                  {g.server} / {g.toolName}
                </strong>
                <p className="small muted truncate" title={g.toolDescription}>
                  {g.toolDescription || 'No description.'}
                </p>
              </div>
              <span className="small muted">{formatRelative(g.grantedAt)}</span>
              <button
                type="button"
                className="btn btn-ghost danger"
                onClick={() => void revokeGrant(g.id)}
                aria-label={`Revoke always-allow for ${g.server} ${g.toolName}`}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
