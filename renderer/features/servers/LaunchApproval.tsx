// A server that did not come from the person's own form input starts (or, remote, is contacted) only
// after they approve exactly the definition shown here: command line, folder, every env name and value
// (secrets masked), or the URL and header names. The approval carries the fingerprint of what was shown.
import type { LaunchChangeView, ServerView } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';
import { useActions } from '../../store/storeContext.tsx';
import { ShownLaunch } from './ShownLaunch.tsx';

function why(launch: ServerView['launch'], origin: string | undefined): string {
  const subject = launch.target === 'url' ? 'contact it' : 'start it';
  switch (launch.status) {
    case 'never-approved':
      return `${origin ? `This server came from ${origin}.` : 'This server was added from pasted JSON, an imported file, an install or an edit on disk.'} Switchboard will not ${subject} until you approve exactly what is shown below.`;
    case 'changed':
      return `This server\u2019s definition changed since you approved it. Review the changes; Switchboard will not ${subject} until you approve the new definition.`;
    case 'approved':
    case 'from-form':
      return '';
    default:
      return assertNever(launch.status);
  }
}

function Changes({ changes }: { changes: LaunchChangeView[] }) {
  return (
    <table className="launch-table launch-changes" aria-label="What changed since you approved it">
      <thead>
        <tr>
          <th scope="col">Changed</th>
          <th scope="col">Before</th>
          <th scope="col">Now</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <th scope="row" className="mono">
              {c.field} <span className="muted">({c.change})</span>
            </th>
            <td className="mono diff-before">{c.before ?? <span className="muted">—</span>}</td>
            <td className="mono diff-now">{c.now ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function LaunchApproval({ server }: { server: ServerView }) {
  const { approveLaunch } = useActions();
  const launch = server.launch;
  if (launch.approved) return null;
  return (
    <div className="callout launch-approval" role="region" aria-label={`Approve starting ${server.name}`}>
      <p className="callout-title">
        {launch.status === 'changed' ? 'Changed \u2014 review again' : launch.target === 'url' ? 'Approve before it connects' : 'Approve before it runs'}
      </p>
      <p>{why(launch, server.origin)}</p>
      {launch.changes && launch.changes.length > 0 && <Changes changes={launch.changes} />}
      <p className="small muted">{launch.target === 'url' ? 'URL to contact:' : 'Command line:'}</p>
      <ShownLaunch launch={launch} label={launch.target === 'url' ? 'URL to approve' : 'Command line to approve'} />
      <div className="row-gap">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void approveLaunch(server.name, launch.fingerprint)}
          aria-label={`Approve and start ${server.name}`}
        >
          {launch.target === 'url' ? 'Approve and connect' : 'Approve and start'}
        </button>
        <span className="small muted">
          {launch.target === 'url'
            ? 'Only approve servers you recognise.'
            : launch.sandbox && !launch.sandbox[0]?.startsWith('not sandboxed')
              ? 'Only approve commands you recognise. They run in the sandbox above, where this system has one.'
              : 'Only approve commands you recognise. They run with your permissions.'}
        </span>
      </div>
    </div>
  );
}
