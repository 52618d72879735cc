// Below the last message: retrying notes, and the turn's error when no message carries it.
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { secondsUntil } from '../../ui/format.ts';
import { useNow } from '../../ui/useNow.ts';
import { ApiErrorNotice } from './ApiErrorNotice.tsx';
import { Prose } from '../../ui/Prose.tsx';

export function TurnFooter({ conversationId }: { conversationId: string }) {
  const turn = useAppStore((s) => s.chat.turns[conversationId]);
  const unanswered = useAppStore((s) => s.chat.byId[conversationId]?.messages.at(-1)?.role === 'user');
  const { retry } = useActions();
  const now = useNow(turn?.retrying !== undefined);
  if (!turn) return <div className="turn-footer" />;
  return (
    <div className="turn-footer">
      {turn.running && turn.retrying && (
        <p className="retrying" role="status">
          <span className="spinner" aria-hidden="true" /> <Prose text={turn.retrying.reason} /> Trying again
          {turn.retrying.retryAt > now ? ` in ${secondsUntil(turn.retrying.retryAt, now)} s` : ' now'} (attempt {turn.retrying.attempt}).
        </p>
      )}
      {!turn.running && turn.outcome === 'max-iterations' && (
        <p className="msg-note">Stopped after the maximum number of tool rounds. Send a message to continue.</p>
      )}
      {!turn.running && turn.error && <ApiErrorNotice error={turn.error} canRetry />}
      {!turn.running && !turn.error && unanswered && (
        <p className="row-gap msg-note">
          This message has no answer yet.
          <button type="button" className="btn" onClick={() => void retry()} aria-label="Ask Claude again">
            Ask again
          </button>
        </p>
      )}
    </div>
  );
}
