// How much this server may do without asking. Both switches are off by default.
import type { ServerView } from '../../../app/api/index.ts';
import { useActions } from '../../store/storeContext.tsx';
import { Toggle } from '../../ui/Toggle.tsx';

export function ServerTrust({ server }: { server: ServerView }) {
  const { setTrust } = useActions();
  const { trusted, autoApproveReadOnly } = server.trust;
  return (
    <section className="section" aria-labelledby="trust-heading">
      <h2 id="trust-heading" className="section-title">
        Approvals
      </h2>
      <div className="trust-row">
        <Toggle
          checked={trusted}
          onChange={(on) => void setTrust(server.name, { trusted: on })}
          label={`Trust ${server.name} and run all its tools without asking`}
        />
        <span>
          Trust this server and run its tools without asking <span className="muted">— only for servers you wrote or fully trust.</span>
        </span>
      </div>
      <div className="trust-row">
        <Toggle
          checked={autoApproveReadOnly || trusted}
          disabled={trusted}
          onChange={(on) => void setTrust(server.name, { autoApproveReadOnly: on })}
          label={`Run read-only tools of ${server.name} without asking`}
        />
        <span>
          Run tools it marks read-only without asking <span className="muted">— the mark is the server&apos;s own claim.</span>
        </span>
      </div>
    </section>
  );
}
