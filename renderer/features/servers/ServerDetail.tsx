// One server: its status and reason, actions, tools and live log.
import { useEffect } from 'react';
import type { ServerView } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { describeEntry, statusOf } from './serverStatus.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { ServerStateDetail } from './ServerStateDetail.tsx';
import { ServerSignIn } from './ServerSignIn.tsx';
import { ServerClientSecret } from './ServerClientSecret.tsx';
import { ServerTools } from './ServerTools.tsx';
import { ServerLog } from './ServerLog.tsx';
import { LaunchApproval } from './LaunchApproval.tsx';
import { InlineSecrets } from './InlineSecrets.tsx';
import { ServerTrust } from './ServerTrust.tsx';
import { ServerSandbox } from './ServerSandbox.tsx';
import { ServerResources } from './ServerResources.tsx';
import { ServerSampling } from './ServerSampling.tsx';
import { ServerPrompts } from './ServerPrompts.tsx';
import { Prose } from '../../ui/Prose.tsx';

function Instructions({ text }: { text: string }) {
  return (
    <details className="section instructions">
      <summary>Instructions this server gives Claude</summary>
      <p className="prewrap">{text}</p>
    </details>
  );
}

function ServerActions({ server }: { server: ServerView }) {
  const actions = useActions();
  const pending = useAppStore((s) => s.servers.pending[server.name]);
  // Waiting for sign-in counts as running: Start would only ask again; Sign in is the way on.
  const running =
    server.state.kind === 'ready' || server.state.kind === 'starting' || server.state.kind === 'reconnecting' || server.state.kind === 'needs-sign-in';
  const busy = pending !== undefined;
  const name = server.name;
  const canRun = !server.disabled && server.launch.approved;
  return (
    <div className="toolbar" role="toolbar" aria-label={`Actions for ${name}`}>
      {canRun && !running && (
        <button type="button" className="btn" disabled={busy} onClick={() => void actions.startServer(name)} aria-label={`Start ${name}`}>
          <Icon name="play" /> Start
        </button>
      )}
      {canRun && running && (
        <button type="button" className="btn" disabled={busy} onClick={() => void actions.stopServer(name)} aria-label={`Stop ${name}`}>
          <Icon name="stop" /> Stop
        </button>
      )}
      {canRun && (
        <button type="button" className="btn" disabled={busy} onClick={() => void actions.restartServer(name)} aria-label={`Restart ${name}`}>
          <Icon name="refresh" /> Restart
        </button>
      )}
      <button
        type="button"
        className="btn"
        disabled={busy}
        onClick={() => void actions.setServerDisabled(name, !server.disabled)}
        aria-label={server.disabled ? `Enable ${name}` : `Disable ${name}`}
      >
        <Icon name="power" /> {server.disabled ? 'Enable' : 'Disable'}
      </button>
      <button type="button" className="btn btn-ghost" onClick={() => actions.editServer(name)} aria-label={`Edit ${name}`}>
        <Icon name="edit" /> Edit
      </button>
      {busy && <span className="muted small">Working on {pending}…</span>}
    </div>
  );
}

export function ServerDetail({ name }: { name: string }) {
  const server = useAppStore((s) => s.servers.byName[name]);
  const actionError = useAppStore((s) => s.servers.actionError[name]);
  const { loadLogs } = useActions();
  useEffect(() => {
    void loadLogs(name);
  }, [name, loadLogs]);
  if (!server) return null;
  return (
    <div className="pane-scroll">
      <div className="pane-inner">
        <header className="detail-header">
          <div className="detail-title">
            <h1>{server.name}</h1>
            <StatusBadge status={statusOf(server)} />
          </div>
          <p className="mono detail-command" title={describeEntry(server)}>
            <span className="chip">{server.entry.transport}</span> {describeEntry(server)}
          </p>
        </header>
        <ServerActions server={server} />
        {actionError && (
          <p className="inline-error" role="alert">
            <Prose text={actionError.message} />
          </p>
        )}
        {server.issues.length > 0 && (
          <div className="callout callout-error">
            <strong>This server&apos;s settings have problems:</strong>
            <ul>
              {server.issues.map((i) => (
                <li key={i.path + i.message}>
                  <code>{i.path}</code> {i.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <LaunchApproval server={server} />
        <InlineSecrets server={server} />
        <ServerSignIn server={server} />
        <ServerClientSecret server={server} />
        <ServerStateDetail server={server} />
        {server.state.kind === 'ready' && server.state.instructions && <Instructions text={server.state.instructions} />}
        <ServerTools server={server} />
        <ServerResources server={server} />
        <ServerPrompts server={server} />
        <ServerSandbox server={server} />
        <ServerTrust server={server} />
        <ServerSampling name={server.name} />
        <ServerLog name={server.name} />
      </div>
    </div>
  );
}
