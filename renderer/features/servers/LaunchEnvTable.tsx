// The environment a server would launch with, as every approval shows it: values in full, secrets as
// named masks, and names that change what a launcher runs flagged with a note.
import type { LaunchEnvView } from '../../../app/api/index.ts';
import { secretMask } from '../../../app/api/secretMask.ts';

function EnvRow({ env }: { env: LaunchEnvView }) {
  return (
    <tr className={env.flagged ? 'launch-env-flagged' : undefined}>
      <th scope="row" className="mono">
        {env.name}
      </th>
      <td className="mono">
        {env.secret ? <span className="secret-mask">{secretMask(env.name)}</span> : env.value === '' ? <span className="muted">(empty)</span> : env.value}
      </td>
      <td>{env.flagged && <span className="launch-flag">Changes what runs</span>}</td>
    </tr>
  );
}

export function LaunchEnvTable({ env }: { env: LaunchEnvView[] }) {
  if (env.length === 0) return null;
  const flagged = env.filter((e) => e.flagged);
  return (
    <>
      <p className="small muted">With the environment:</p>
      <table className="launch-table" aria-label="Environment variables">
        <tbody>
          {env.map((e) => (
            <EnvRow key={e.name} env={e} />
          ))}
        </tbody>
      </table>
      {flagged.length > 0 && (
        <p className="small launch-flag-note" role="note">
          {flagged.map((e) => e.name).join(', ')} {flagged.length === 1 ? 'changes' : 'change'} which code the command loads or where it downloads it from.
          Approve only if you set {flagged.length === 1 ? 'it' : 'them'} yourself.
        </p>
      )}
    </>
  );
}
