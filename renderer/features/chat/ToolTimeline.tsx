// The whole story of one tool call: who decided and how, waiting vs running, what Claude was sent,
// and the raw JSON-RPC exchange (secrets already masked by the core).
import type { ToolCallView, ToolDecisionView } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';
import { formatBytes, formatClock, formatDuration } from '../../ui/format.ts';
import { taskEventWords } from './TaskLine.tsx';

const CHOICE_WORDS = { 'allow-once': 'allowed once', 'allow-always': 'always allowed', deny: 'denied' } as const;
const RULE_WORDS = {
  granted: 'Allowed by your "always allow" for this tool',
  'trusted-server': 'Allowed because you trust this server',
  'read-only-trusted': "Allowed by the read-only rule (you trust this server's read-only tools)",
} as const;

function decisionWords(d: ToolDecisionView): string {
  switch (d.kind) {
    case 'person':
      return `Asked at ${formatClock(d.askedAt)}; you ${CHOICE_WORDS[d.choice]} at ${formatClock(d.decidedAt)}`;
    case 'rule':
      return `${RULE_WORDS[d.rule]}, at ${formatClock(d.at)}`;
    case 'refused':
      return `Not run: ${d.reason}`;
    default:
      return assertNever(d);
  }
}

export function ToolTimeline({ call }: { call: ToolCallView }) {
  const rows: [string, string][] = [];
  if (call.foundBy !== undefined) rows.push(['Loaded by', `tool search for "${call.foundBy}"`]);
  if (call.decision) rows.push(['Decision', decisionWords(call.decision)]);
  if (call.account) rows.push(['Account', call.account]);
  if (call.waitedMs !== undefined) rows.push(['Waited for you', formatDuration(call.waitedMs)]);
  if (call.durationMs !== undefined && call.startedAt !== undefined)
    rows.push(['Ran', `${formatDuration(call.durationMs)} from ${formatClock(call.startedAt)}`]);
  if (call.sent)
    rows.push([
      'Sent to Claude',
      `${formatBytes(call.sent.bytes)} · about ${call.sent.approxTokens.toLocaleString()} token${call.sent.approxTokens === 1 ? '' : 's'}`,
    ]);
  if (call.task)
    rows.push(['Task', `${call.task.taskId} · MCP ${call.task.era}${call.task.ttlMs ? ` · kept ${formatDuration(call.task.ttlMs)} by the server` : ''}`]);
  if (rows.length === 0 && !call.wire?.length) return null;
  return (
    <>
      {rows.length > 0 && <div className="tool-label">Timeline</div>}
      {rows.length > 0 && (
        <dl className="facts tool-timeline" aria-label="Timeline of this call">
          {rows.map(([term, text]) => (
            <div key={term} className="fact">
              <dt>{term}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      )}
      {call.task && call.task.events.length > 0 && (
        <ol className="task-life small" aria-label="Life of this task">
          {call.task.events.map((e, i) => (
            <li key={i}>
              <span className="muted">{formatClock(e.at)}</span> {taskEventWords(e)}
            </li>
          ))}
        </ol>
      )}
      {call.wire && call.wire.length > 0 && (
        <details className="tool-raw">
          <summary>
            Raw JSON-RPC ({call.wire.length} message{call.wire.length === 1 ? '' : 's'})
          </summary>
          <ol className="wire-list" aria-label="JSON-RPC messages of this call">
            {call.wire.map((m, i) => (
              <li key={i} className={`wire-${m.direction}`}>
                <div className="wire-head small">
                  <span className="wire-dir">{m.direction === 'sent' ? '→ sent' : '← received'}</span>
                  <span className="mono">{m.label}</span>
                  <span className="muted">{formatClock(m.at)}</span>
                </div>
                <pre className="wire-json mono">{m.json}</pre>
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}
