// Asks the person about one tool call: the tool's full description, why it asks, and the three choices.
import type { ToolCallView } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Prose } from '../../ui/Prose.tsx';

export function ApprovalPrompt({ call, requester = 'claude' }: { call: ToolCallView; requester?: 'claude' | 'app' }) {
  const deciding = useAppStore((s) => s.safety.deciding[call.id] ?? false);
  const error = useAppStore((s) => s.safety.decideError[call.id]);
  const pending = useAppStore((s) => s.safety.pending.find((p) => p.id === call.id));
  const { decideTool } = useActions();
  const description = call.toolDescription ?? pending?.toolDescription;
  const reason = call.approvalReason ?? pending?.reason;
  const who = call.server ? `${call.server} / ${call.toolName}` : call.toolName;
  return (
    <div className="approval" role="group" aria-label={`Approve ${who}?`}>
      <p className="approval-question">
        {requester === 'app' ? 'The app in this conversation' : 'Claude'} wants to run <strong className="mono">{who}</strong>. Allow it?
      </p>
      {reason && <p className="approval-reason">{reason}</p>}
      {description && (
        <details className="approval-desc" open>
          <summary>What the server says this tool does</summary>
          <p className="prewrap small">{description}</p>
        </details>
      )}
      <div className="row-gap">
        <button
          type="button"
          className="btn btn-primary"
          disabled={deciding}
          onClick={() => void decideTool(call.id, 'allow-once')}
          aria-label={`Allow ${who} once`}
        >
          Allow once
        </button>
        <button type="button" className="btn" disabled={deciding} onClick={() => void decideTool(call.id, 'allow-always')} aria-label={`Always allow ${who}`}>
          Always allow
        </button>
        <button type="button" className="btn btn-ghost danger" disabled={deciding} onClick={() => void decideTool(call.id, 'deny')} aria-label={`Deny ${who}`}>
          Deny
        </button>
      </div>
      {error && (
        <p className="inline-error small">
          <Prose text={error} />
        </p>
      )}
    </div>
  );
}
