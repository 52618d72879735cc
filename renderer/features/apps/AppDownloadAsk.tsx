// An app's `ui/download-file` waits for the person (useAppAsk.ts): it lists each file by name, type and size,
// and nothing is saved until the person clicks Save. A request the host cannot honour says why instead.
import type { AppResourceView } from '../../../app/api/index.ts';
import { sizeOf, type DownloadAsk } from './appDownloads.ts';

export function AppDownloadAsk({ app, ask, onAnswer }: { app: AppResourceView; ask: DownloadAsk; onAnswer(save: boolean): void }) {
  const who = (
    <span className="mono">
      {app.server}/{app.tool}
    </span>
  );
  if (ask.kind === 'refused') {
    return (
      <div className="app-message-ask" role="group" aria-label="The app's download was refused">
        <p className="small">
          The app of {who} asked to save a file, which Switchboard refused: {ask.reason}
        </p>
        <div className="row-gap">
          <button type="button" className="btn btn-small" onClick={() => onAnswer(false)}>
            Dismiss
          </button>
        </div>
      </div>
    );
  }
  const count = ask.files.length;
  return (
    <div className="app-message-ask" role="group" aria-label="The app wants to save files">
      <p className="small">
        The app of {who} wants to save {count === 1 ? 'this file' : `these ${count} files`} to your computer.
      </p>
      <ul className="app-download-files small">
        {ask.files.map((file, i) => (
          <li key={i}>
            <span className="mono">{file.name}</span>{' '}
            <span className="muted">
              · {file.mimeType} · {sizeOf(file.bytes.byteLength)}
            </span>
          </li>
        ))}
      </ul>
      <div className="row-gap">
        <button type="button" className="btn btn-primary btn-small" onClick={() => onAnswer(true)}>
          Save
        </button>
        <button type="button" className="btn btn-small" onClick={() => onAnswer(false)}>
          Don&rsquo;t save
        </button>
      </div>
    </div>
  );
}
