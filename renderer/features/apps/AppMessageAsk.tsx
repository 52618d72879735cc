// An app's `ui/message` waits for the person (useAppAsk.ts): it shows what the app wants to send to Claude,
// marked as the app's, and goes only when the person clicks Send.
import type { AppResourceView } from '../../../app/api/index.ts';

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
