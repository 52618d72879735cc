// An app's `ui/message` waits for the person: it shows what the app wants to send to Claude, marked as the
// app's, and goes only when the person clicks Send. One message waits at a time; more are refused meanwhile,
// and a message still waiting when the app is torn down is refused.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppResourceView } from '../../../app/api/index.ts';

interface Waiting {
  text: string;
  resolve(sent: boolean): void;
}

export function useAppMessageAsk(send: (text: string) => Promise<void>): {
  pending: string | null;
  request(text: string): Promise<boolean>;
  answer(send: boolean): Promise<void>;
} {
  const [pending, setPending] = useState<string | null>(null);
  const waiting = useRef<Waiting | null>(null);
  const sendRef = useRef(send);
  sendRef.current = send;

  useEffect(
    () => () => {
      waiting.current?.resolve(false);
      waiting.current = null;
    },
    [],
  );

  const request = useCallback((text: string) => {
    if (waiting.current) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      waiting.current = { text, resolve };
      setPending(text);
    });
  }, []);

  const answer = useCallback(async (yes: boolean) => {
    const w = waiting.current;
    if (!w) return;
    waiting.current = null;
    setPending(null);
    if (!yes) return w.resolve(false);
    try {
      await sendRef.current(w.text);
      w.resolve(true);
    } catch {
      w.resolve(false);
    }
  }, []);

  return { pending, request, answer };
}

export function AppMessageAsk({ app, text, onAnswer }: { app: AppResourceView; text: string; onAnswer(send: boolean): void }) {
  return (
    <div className="app-message-ask" role="group" aria-label="The app wants to send a message">
      <p className="small">
        The app of{' '}
        <span className="mono">
          {app.server}/{app.tool}
        </span>{' '}
        wants to send this to Claude. Claude will see it marked as the app&rsquo;s, not yours.
      </p>
      <blockquote className="app-message-text prewrap">{text}</blockquote>
      <div className="row-gap">
        <button type="button" className="btn btn-primary btn-small" onClick={() => onAnswer(true)}>
          Send to Claude
        </button>
        <button type="button" className="btn btn-small" onClick={() => onAnswer(false)}>
          Don&rsquo;t send
        </button>
      </div>
    </div>
  );
}
