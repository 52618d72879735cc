// A stdio server that did not come from the person's own form input starts only after they approve its exact command line.
import type { ServerView } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';
import { useActions } from '../../store/storeContext.tsx';

function why(status: ServerView['launch']['status']): string {
  switch (status) {
    case 'never-approved':
      return 'This server was added from pasted JSON, an imported file or an edit on disk. It will not start until you approve the exact command below.';
    case 'changed':
      return 'This server\u2019s command, arguments or environment changed since you approved it. It will not start until you approve the new command.';
    case 'approved':
    case 'from-form':
    case 'remote':
      return '';
    default:
      return assertNever(status);
  }
}

export function LaunchApproval({ server }: { server: ServerView }) {
  const { approveLaunch } = useActions();
  const launch = server.launch;
  if (launch.approved) return null;
  return (
    <div className="callout launch-approval" role="region" aria-label={`Approve starting ${server.name}`}>
      <p className="callout-title">Approve before it runs</p>
      <p>{why(launch.status)}</p>
      {launch.previousCommandLine && (
        <>
          <p className="small muted">Approved before:</p>
          <pre className="command-line mono">{launch.previousCommandLine}</pre>
          <p className="small muted">Now:</p>
        </>
      )}
      <pre className="command-line mono" aria-label="Command line to approve">
        {launch.commandLine}
      </pre>
      {launch.cwd && <p className="small">In folder <span className="mono">{launch.cwd}</span></p>}
      {launch.envKeys.length > 0 && (
        <p className="small">
          With environment values for <span className="mono">{launch.envKeys.join(', ')}</span>
        </p>
      )}
      <div className="row-gap">
        <button type="button" className="btn btn-primary" onClick={() => void approveLaunch(server.name, launch.commandLine)} aria-label={`Approve and start ${server.name}`}>
          Approve and start
        </button>
        <span className="small muted">Only approve commands you recognise. They run with your permissions.</span>
      </div>
    </div>
  );
}
