// Where the person writes. Enter sends, Shift+Enter is a new line; the text stays in the store until a send succeeds.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Icon } from '../../ui/Icon.tsx';

export function Composer({ conversationId }: { conversationId: string | null }) {
  const draftKey = conversationId ?? '';
  const text = useAppStore((s) => s.chat.drafts[draftKey] ?? '');
  const running = useAppStore((s) => (conversationId ? (s.chat.turns[conversationId]?.running ?? false) : false));
  const sending = useAppStore((s) => (conversationId ? (s.chat.sending[conversationId] ?? false) : false));
  const { setDraft, send, cancel } = useActions();
  const box = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
  }, [text]);

  useEffect(() => {
    box.current?.focus();
  }, [conversationId]);

  const canSend = text.trim().length > 0 && !running && !sending;

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        if (canSend) void send();
      }}
    >
      <textarea
        ref={box}
        className="composer-input"
        rows={1}
        value={text}
        placeholder={running ? 'Claude is answering… (Esc to stop)' : 'Ask Claude anything. Enter to send, Shift+Enter for a new line.'}
        aria-label="Message to Claude"
        onChange={(e) => setDraft(conversationId, e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            if (canSend) void send();
          }
        }}
      />
      {running ? (
        <button type="button" className="btn btn-stop" onClick={() => void cancel()} aria-label="Stop the answer (Esc)" title="Stop (Esc)">
          <Icon name="stop" /> Stop
        </button>
      ) : (
        <button type="submit" className="btn btn-primary btn-send" disabled={!canSend} aria-label="Send message" title="Send (Enter)">
          <Icon name="send" />
        </button>
      )}
    </form>
  );
}
