// One tool call inline in the assistant's message: who, what input, what status, what came back.
import { Suspense, memo, useState } from 'react';
import type { ToolCallView } from '../../../app/api/index.ts';
import { Icon } from '../../ui/Icon.tsx';
import { Prose } from '../../ui/Prose.tsx';
import { formatDuration } from '../../ui/format.ts';
import { useNow } from '../../ui/useNow.ts';
import { toolStatusWord } from './toolStatus.ts';
import { TaskLine } from './TaskLine.tsx';
import { ToolResult } from './ToolResult.tsx';
import { ApprovalPrompt } from './ApprovalPrompt.tsx';
import { ToolApp } from '../apps/ToolApp.tsx';
import { AppToolCalls } from '../apps/AppToolCalls.tsx';
import { lazyNamed } from '../../ui/lazyNamed.ts';

/** The timeline and raw JSON-RPC view load when a card is first opened. */
const ToolTimeline = lazyNamed(() => import('./ToolTimeline.tsx'), 'ToolTimeline');

function prettyJson(value: unknown): string {
  if (value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

function previewJson(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? '';
    return text === '{}' ? '' : text.length > 160 ? `${text.slice(0, 160)}…` : text;
  } catch {
    return '';
  }
}

function Progress({ progress }: { progress: NonNullable<ToolCallView['progress']> }) {
  const pct = progress.total ? Math.min(100, Math.round((progress.progress / progress.total) * 100)) : undefined;
  return (
    <div className="tool-progress">
      {pct !== undefined ? <progress value={pct} max={100} aria-label="Tool progress" /> : <span className="muted small">{progress.progress}</span>}
      {pct !== undefined && (
        <span className="small muted">
          {progress.progress} of {progress.total} · {pct}%
        </span>
      )}
      {progress.message && <span className="small">{progress.message}</span>}
    </div>
  );
}

/**
 * The card's one line of error, for a person: "You stopped this tool call." when they did, and nothing
 * when the result below already says the same words (the error is shown once per card).
 */
function errorLine(call: ToolCallView, expanded: boolean): string | undefined {
  if (call.status === 'cancelled') return 'You stopped this tool call.';
  if (!call.error) return undefined;
  const resultText = call.result?.isError ? call.result.content.map((c) => (c.kind === 'text' ? c.text : '')).join('\n') : '';
  if (expanded && resultText.includes(call.error.trim())) return undefined;
  return call.error;
}

/** `requester`: who asked for the call — Claude, or the MCP App of another call (shown nested under it). */
export const ToolCallCard = memo(function ToolCallCard({ call, requester = 'claude' }: { call: ToolCallView; requester?: 'claude' | 'app' }) {
  const { word, tone } = toolStatusWord(call.status);
  const live = call.status === 'running' || call.status === 'pending' || call.status === 'awaiting-approval';
  const [open, setOpen] = useState<boolean | null>(null);
  const expanded = open ?? (call.status === 'error' || call.status === 'awaiting-approval');
  const now = useNow(live && call.startedAt !== undefined);
  const duration = call.durationMs ?? (live && call.startedAt ? now - call.startedAt : undefined);
  const label = call.server ? `${call.server} · ${call.toolName}` : call.toolName || call.apiName;
  const bodyId = `tool-body-${call.id}`;
  const error = errorLine(call, expanded);

  return (
    <div className={`tool-card tone-${tone}${requester === 'app' ? ' from-app' : ''}`} data-status={call.status} data-call-id={call.id}>
      <button
        type="button"
        className="tool-head"
        aria-expanded={expanded}
        aria-controls={bodyId}
        aria-label={`Tool call ${label}: ${word}. ${expanded ? 'Collapse' : 'Expand'}`}
        onClick={() => setOpen(!expanded)}
      >
        <Icon name={expanded ? 'chevronDown' : 'chevronRight'} />
        <Icon name="tool" />
        <span className="tool-title">
          {call.server && <span className="tool-server">{call.server}</span>}
          <span className="tool-name mono" title={call.toolName || call.apiName}>
            {call.toolName || call.apiName}
          </span>
          {call.account && (
            <span className="call-account" title={`Ran as ${call.account}`}>
              as {call.account}
            </span>
          )}
          {!expanded && <span className="tool-preview mono">{previewJson(call.input)}</span>}
        </span>
        <span className={`tool-status tone-${tone}`}>
          {live && call.status !== 'awaiting-approval' && <span className="spinner" aria-hidden="true" />}
          {word}
        </span>
        {duration !== undefined && <span className="tool-duration">{formatDuration(duration)}</span>}
      </button>
      {call.task && <TaskLine task={call.task} live={live} />}
      {call.progress && live && <Progress progress={call.progress} />}
      {call.status === 'denied' ? (
        <p className="tool-denied">
          <Prose text={call.decision?.kind === 'refused' ? call.decision.reason : 'You denied this call. Claude was told, and asked not to retry it.'} />
        </p>
      ) : (
        error && (
          <p className="tool-error">
            <Prose text={error} />
          </p>
        )
      )}
      {call.status === 'awaiting-approval' && <ApprovalPrompt call={call} requester={requester} />}
      {requester === 'claude' && <ToolApp call={call} />}
      {requester === 'claude' && <AppToolCalls parentCallId={call.id} {...(call.appCalls ? { saved: call.appCalls } : {})} />}
      {expanded && (
        <div className="tool-body" id={bodyId}>
          {!call.server && <p className="muted small">No connected server offers a tool named {call.apiName}.</p>}
          <div className="tool-label">Input</div>
          <pre className="tool-input mono">{prettyJson(call.input) || '{}'}</pre>
          {call.result && <ToolResult result={call.result} />}
          <Suspense fallback={null}>
            <ToolTimeline call={call} />
          </Suspense>
        </div>
      )}
    </div>
  );
});
