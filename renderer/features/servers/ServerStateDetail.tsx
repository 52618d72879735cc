// The part of a server's detail that depends on its state: the error reason and stderr, or what it is.
import type { ServerView } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';
import { formatClock, secondsUntil } from '../../ui/format.ts';
import { useNow } from '../../ui/useNow.ts';
import { Prose } from '../../ui/Prose.tsx';

function offers(c: NonNullable<ServerView['capabilities']>): string {
  const list = [
    c.tools && 'tools',
    c.resources && (c.resourceSubscribe ? 'resources (with updates)' : 'resources'),
    c.prompts && 'prompts',
    c.completions && 'suggestions',
    c.logging && 'log levels',
  ].filter(Boolean);
  return list.length ? list.join(', ') : 'nothing beyond the basics';
}

export function ServerStateDetail({ server }: { server: ServerView }) {
  const state = server.state;
  const retryAt = state.kind === 'error' || state.kind === 'reconnecting' ? state.retryAt : undefined;
  const now = useNow(retryAt !== undefined);
  if (!server.launch.approved) return null;
  if (server.disabled) {
    return <p className="muted">This server is disabled. Its tools are not offered to Claude until you enable it.</p>;
  }
  switch (state.kind) {
    case 'stopped':
      return (
        <p className="muted">
          <Prose text={state.reason ?? 'This server is not running. Start it to use its tools.'} />
        </p>
      );
    case 'starting':
      return (
        <p className="muted">
          <span className="spinner" aria-hidden="true" /> Connecting{state.attempt > 1 ? ` (attempt ${state.attempt})` : ''}…
        </p>
      );
    case 'ready':
      return (
        <dl className="facts">
          <dt>Server</dt>
          <dd>
            {state.serverName} {state.serverVersion}
          </dd>
          {state.protocolVersion && (
            <>
              <dt>Protocol</dt>
              <dd>
                {state.protocolVersion}
                {state.protocolEra && (
                  <span className="muted"> · {state.protocolEra === '2026' ? '2026 era (stateless, server/discover)' : '2025 era (initialize)'}</span>
                )}
              </dd>
            </>
          )}
          <dt>Connected</dt>
          <dd>since {formatClock(state.since)}</dd>
          {server.capabilities && (
            <>
              <dt>Offers</dt>
              <dd>{offers(server.capabilities)}</dd>
            </>
          )}
        </dl>
      );
    case 'reconnecting':
      return (
        <div className="callout callout-warn" role="status">
          <p className="callout-title">
            <span className="spinner" aria-hidden="true" /> Lost the connection at {formatClock(state.since)}; reconnecting.
          </p>
          <p>
            <Prose text={state.reason} />
          </p>
          <p className="small muted">
            {retryAt !== undefined && retryAt > now
              ? `Next attempt in ${secondsUntil(retryAt, now)} s (attempt ${state.attempt + 1}).`
              : `Trying now (attempt ${state.attempt}).`}{' '}
            Tool calls fail with this reason until it is back.
          </p>
        </div>
      );
    case 'error': {
      const facts = [
        state.exitCode !== undefined && state.exitCode !== null ? `exit code ${state.exitCode}` : null,
        state.signal ? `signal ${state.signal}` : null,
        state.httpStatus ? `HTTP ${state.httpStatus}` : null,
        state.attempt > 1 ? `attempt ${state.attempt}` : null,
      ].filter(Boolean);
      return (
        <div className="callout callout-error" role="alert">
          <p className="callout-title">
            <Prose text={state.message} />
          </p>
          {state.needsAuth && <p>This server needs credentials. Add them as headers or environment values in Settings, then restart it.</p>}
          {facts.length > 0 && <p className="muted small">{facts.join(' · ')}</p>}
          {retryAt !== undefined && retryAt > now && <p className="small">Trying again automatically in {secondsUntil(retryAt, now)} s.</p>}
          {state.stderrTail.length > 0 && (
            <>
              <p className="small muted">Last lines it wrote:</p>
              <pre className="stderr mono" aria-label="Last stderr lines">
                {state.stderrTail.join('\n')}
              </pre>
            </>
          )}
        </div>
      );
    }
    case 'needs-sign-in':
      // ServerSignIn shows the message with the Sign in button.
      return null;
    default:
      return assertNever(state);
  }
}
