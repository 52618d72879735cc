// What a launch definition runs or contacts, as every approval shows it: the launch dialog, an install
// link's review and the list of servers found in other apps' files. One rendering, so no review shows
// less than the approval covers: the command line or URL, the folder, every env value (hidden
// characters spelled out by the core, secrets as named masks), header names, the sandbox policy and the sign-in set-up.
import type { ShownLaunchView } from '../../../app/api/index.ts';
import { LaunchEnvTable } from './LaunchEnvTable.tsx';

export function ShownLaunch({ launch, label }: { launch: ShownLaunchView; label: string }) {
  return (
    <>
      <pre className="command-line mono" aria-label={label}>
        {launch.commandLine}
      </pre>
      {launch.cwd !== undefined && (
        <p className="small">
          In folder <span className="mono">{launch.cwd}</span>
        </p>
      )}
      <LaunchEnvTable env={launch.env} />
      {launch.headerNames.length > 0 && (
        <p className="small">
          Sends the headers <span className="mono">{launch.headerNames.join(', ')}</span> <span className="muted">(values not shown)</span>
        </p>
      )}
      {launch.sandbox && (
        <div className="small" aria-label="Sandbox to approve">
          <p>Sandbox:</p>
          <ul className="sandbox-policy">
            {launch.sandbox.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {launch.signIn !== undefined && (
        <p className="small" aria-label="Sign-in to approve">
          Signs in with {launch.signIn}
        </p>
      )}
    </>
  );
}
