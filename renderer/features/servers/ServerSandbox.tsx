// A local server's sandbox on its page: enforced, off, or not available here (and why); what it refused lately,
// each with "Allow this"; and the policy's three lists to edit. Every change waits for launch approval.
import { useState } from 'react';
import type { SandboxAllowView, SandboxPolicyView, ServerView } from '../../../app/api/index.ts';
import { useActions } from '../../store/storeContext.tsx';

const EMPTY: SandboxPolicyView = { readable: [], writable: [], domains: [] };

const key = (allow: SandboxAllowView) => (allow.kind === 'read' ? 'readable' : allow.kind === 'write' ? 'writable' : 'domains');

function widened(policy: SandboxPolicyView, allow: SandboxAllowView): SandboxPolicyView {
  return { ...policy, [key(allow)]: [...new Set([...policy[key(allow)], allow.value])] };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function ServerSandbox({ server }: { server: ServerView }) {
  const { setSandbox } = useActions();
  const entry = server.entry;
  const status = server.sandbox;
  const [editing, setEditing] = useState(false);
  if (entry.transport !== 'stdio' || !status) return null;
  const own = entry.sandbox === false || entry.sandbox === undefined ? EMPTY : entry.sandbox;
  // A refusal already allowed (the wider policy waits for approval) needs no second click.
  const blocked = status.blocked.filter((b) => !own[key(b.allow)].includes(b.allow.value));
  return (
    <section className="section" aria-labelledby="sandbox-heading">
      <h2 id="sandbox-heading" className="section-title">
        Sandbox
      </h2>
      {status.kind === 'sandboxed' && <p className="small">Sandboxed: the system enforces what it may read, write and reach.</p>}
      {status.kind === 'off' && (
        <p className="small" role="status">
          <strong>Not sandboxed</strong> — you chose to run it with your full rights.{' '}
          <button type="button" className="btn btn-small" onClick={() => void setSandbox(server.name, EMPTY)}>
            Sandbox it again
          </button>
        </p>
      )}
      {status.kind === 'unavailable' && (
        <div className="callout callout-warn" role="status">
          <p className="callout-title">Not sandboxed</p>
          <p className="small">{status.reason} It will not start until you choose.</p>
          <div className="row-gap">
            <button type="button" className="btn" onClick={() => void setSandbox(server.name, false)}>
              Run without a sandbox
            </button>
            <span className="small muted">It would read, write and connect with your full rights; you approve that first.</span>
          </div>
        </div>
      )}
      {server.launch.sandbox && (
        <ul className="small sandbox-policy" aria-label={`Sandbox policy of ${server.name}`}>
          {server.launch.sandbox.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {blocked.length > 0 && (
        <ul className="sandbox-blocked" aria-label={`What the sandbox refused ${server.name}`}>
          {blocked.map((b) => (
            <li key={b.text}>
              <span className="mono small">{b.text}</span>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void setSandbox(server.name, widened(own, b.allow))}
                aria-label={`Allow this: ${b.text}`}
              >
                Allow this
              </button>
            </li>
          ))}
        </ul>
      )}
      {blocked.length > 0 && <p className="small muted">Allowing asks you to approve the wider policy before the server starts again.</p>}
      {entry.sandbox !== false &&
        (editing ? (
          <PolicyEditor name={server.name} policy={own} done={() => setEditing(false)} />
        ) : (
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            Edit what it may reach
          </button>
        ))}
    </section>
  );
}

function PolicyEditor({ name, policy, done }: { name: string; policy: SandboxPolicyView; done: () => void }) {
  const { setSandbox } = useActions();
  const [readable, setReadable] = useState(policy.readable.join('\n'));
  const [writable, setWritable] = useState(policy.writable.join('\n'));
  const [domains, setDomains] = useState(policy.domains.join('\n'));
  const field = (label: string, value: string, set: (v: string) => void, hint: string) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <textarea className="input mono" rows={2} value={value} onChange={(e) => set(e.target.value)} placeholder={hint} aria-label={`${label} (${name})`} />
    </label>
  );
  return (
    <form
      className="sandbox-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void setSandbox(name, { readable: lines(readable), writable: lines(writable), domains: lines(domains) }).then(done);
      }}
    >
      {field('Also readable (one path a line)', readable, setReadable, '~/.aws')}
      {field('Also writable', writable, setWritable, '~/notes')}
      {field('May connect to', domains, setDomains, 'api.github.com')}
      <div className="row-gap">
        <button type="submit" className="btn btn-primary">
          Save — ask me to approve
        </button>
        <button type="button" className="btn" onClick={done}>
          Cancel
        </button>
      </div>
    </form>
  );
}
