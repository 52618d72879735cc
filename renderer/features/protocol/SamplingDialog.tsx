// A server's request to use Claude: who asks, every message, the system prompt, the token limit and the
// model preferences. The person approves, edits (texts, system prompt, max tokens) then approves, or denies.
import { useState } from 'react';
import type { SamplingMessageView, SamplingRequestView } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Modal, ModalFooter } from '../../ui/Modal.tsx';
import { SamplingContent } from './SamplingContent.tsx';

const textOf = (m: SamplingMessageView) => m.content.flatMap((c) => (c.kind === 'text' ? [c.text] : [])).join('\n\n');

function Preferences({ request, editing }: { request: SamplingRequestView; editing: boolean }) {
  const p = request.modelPreferences;
  const parts = [
    p?.hints.length ? `hints: ${p.hints.join(', ')}` : null,
    p?.intelligencePriority !== undefined ? `intelligence ${p.intelligencePriority}` : null,
    p?.speedPriority !== undefined ? `speed ${p.speedPriority}` : null,
    p?.costPriority !== undefined ? `cost ${p.costPriority}` : null,
    request.temperature !== undefined ? `temperature ${request.temperature} (shown only, not sent)` : null,
    request.stopSequences?.length ? `stops at ${request.stopSequences.map((s) => JSON.stringify(s)).join(', ')}` : null,
  ].filter(Boolean);
  return (
    <dl className="facts request-facts">
      <dt>Runs on</dt>
      <dd className="mono">{request.model}</dd>
      {!editing && (
        <>
          <dt>Max tokens</dt>
          <dd>
            {request.maxTokens.toLocaleString()}
            {request.requestedMaxTokens > request.maxTokens && (
              <span className="muted"> (asked for {request.requestedMaxTokens.toLocaleString()}; capped by this server&apos;s limit)</span>
            )}
          </dd>
        </>
      )}
      {parts.length > 0 && (
        <>
          <dt>Server prefers</dt>
          <dd>{parts.join(' · ')}</dd>
        </>
      )}
      {request.includeContext && (
        <>
          <dt>Context</dt>
          <dd>It asked for context from {request.includeContext === 'allServers' ? 'all servers' : 'itself'}; Switchboard adds none.</dd>
        </>
      )}
    </dl>
  );
}

export function SamplingDialog({ request, waiting }: { request: SamplingRequestView; waiting: number }) {
  const { decideSampling } = useActions();
  const busy = useAppStore((s) => s.protocol.answering[request.id] ?? false);
  const [editing, setEditing] = useState(false);
  const [texts, setTexts] = useState(() => request.messages.map(textOf));
  const [system, setSystem] = useState(request.systemPrompt ?? '');
  const [maxTokens, setMaxTokens] = useState(String(request.maxTokens));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  const discard = () => {
    setEditing(false);
    setTexts(request.messages.map(textOf));
    setSystem(request.systemPrompt ?? '');
    setMaxTokens(String(request.maxTokens));
    setErrors({});
    setFailure(null);
  };

  const decide = async (decision: 'approve' | 'deny') => {
    setFailure(null);
    let edited: { messages: string[]; systemPrompt: string; maxTokens: number } | undefined;
    if (decision === 'approve' && editing) {
      const tokens = Number(maxTokens);
      if (!Number.isInteger(tokens) || tokens < 1 || tokens > 128_000) return setErrors({ maxTokens: 'A whole number from 1 to 128000.' });
      edited = { messages: texts, systemPrompt: system, maxTokens: tokens };
    }
    setErrors({});
    const error = await decideSampling(request.id, decision, edited);
    if (!error) return;
    const byField: Record<string, string> = {};
    for (const i of error.issues ?? []) byField[i.path.replace(/^edited\./, '')] = i.message;
    setErrors(byField);
    setFailure(error.message);
  };

  return (
    <Modal labelledBy="sampling-title" className="modal-wide">
      <div className="request-head">
        <span className="chip chip-warn">wants to use Claude</span>
        {waiting > 1 && <span className="muted small">1 of {waiting} waiting</span>}
      </div>
      <h2 id="sampling-title">
        <span className="mono">{request.server}</span> asks Claude a question on your key
      </h2>
      <p className="small muted">Nothing is sent until you approve. The answer goes back to {request.server}, not into your conversation.</p>
      <Preferences request={request} editing={editing} />
      <div className="request-section">
        <div className="tool-label">System prompt</div>
        {editing ? (
          <textarea className="input request-text" rows={2} value={system} aria-label="System prompt" onChange={(e) => setSystem(e.target.value)} />
        ) : request.systemPrompt ? (
          <pre className="result-text prewrap">{request.systemPrompt}</pre>
        ) : (
          <p className="muted small">None.</p>
        )}
      </div>
      <div className="request-section">
        <div className="tool-label">Messages ({request.messages.length})</div>
        <ol className="sampling-messages">
          {request.messages.map((m, i) => (
            <li key={i} className={`sampling-message role-${m.role}`}>
              <span className="sampling-role">{m.role === 'user' ? 'User' : 'Assistant'}</span>
              {editing ? (
                <>
                  <textarea
                    className="input request-text"
                    rows={3}
                    value={texts[i] ?? ''}
                    aria-label={`Message ${i + 1} text`}
                    onChange={(e) => setTexts(texts.map((t, j) => (j === i ? e.target.value : t)))}
                  />
                  <SamplingContent content={m.content.filter((c) => c.kind !== 'text')} />
                </>
              ) : (
                <SamplingContent content={m.content} />
              )}
            </li>
          ))}
        </ol>
        {errors.messages && <p className="field-error">{errors.messages}</p>}
      </div>
      {editing && (
        <div className={`field${errors.maxTokens ? ' has-error' : ''}`}>
          <label htmlFor="sampling-max" className="field-label">
            Max tokens
          </label>
          <input id="sampling-max" className="input narrow" inputMode="numeric" value={maxTokens} onChange={(e) => setMaxTokens(e.target.value)} />
          {errors.maxTokens ? (
            <p className="field-error">{errors.maxTokens}</p>
          ) : (
            <p className="field-hint">Above this server&apos;s limit, the limit applies.</p>
          )}
        </div>
      )}
      <ModalFooter failure={failure}>
        <button
          type="button"
          className="btn btn-ghost danger"
          disabled={busy}
          onClick={() => void decide('deny')}
          aria-label={`Deny the request from ${request.server}`}
        >
          Deny
        </button>
        {editing ? (
          <button type="button" className="btn" disabled={busy} onClick={discard} aria-label="Discard the edits">
            Discard edits
          </button>
        ) : (
          <button type="button" className="btn" disabled={busy} onClick={() => setEditing(true)} aria-label="Edit the request before approving">
            Edit
          </button>
        )}
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() => void decide('approve')}
          aria-label={editing ? 'Approve the edited request' : `Approve the request from ${request.server}`}
        >
          {editing ? 'Approve edited' : 'Approve'}
        </button>
      </ModalFooter>
    </Modal>
  );
}
