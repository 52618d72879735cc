// An API failure, inline where the answer would be, with what to do next.
import type { ApiErrorView } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';
import { useActions } from '../../store/storeContext.tsx';
import { secondsUntil } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { useNow } from '../../ui/useNow.ts';
import { Prose } from '../../ui/Prose.tsx';

function headline(error: ApiErrorView): string {
  switch (error.kind) {
    case 'no-key':
      return 'No API key yet';
    case 'auth':
      return 'The API key was rejected';
    case 'permission':
      return 'This key may not use that model or feature';
    case 'rate-limit':
      return 'Rate limited';
    case 'overloaded':
      return 'Claude is overloaded right now';
    case 'network':
      return 'Could not reach the API';
    case 'bad-request':
      return 'The API did not accept the request';
    case 'server':
      return 'The API had a problem';
    case 'unknown':
      return 'Something went wrong';
    default:
      return assertNever(error.kind);
  }
}

export function ApiErrorNotice({ error, canRetry }: { error: ApiErrorView; canRetry: boolean }) {
  const { navigate, retry } = useActions();
  const now = useNow(error.retryAt !== undefined);
  const wait = error.retryAt !== undefined ? secondsUntil(error.retryAt, now) : 0;
  const needsSettings = error.kind === 'no-key' || error.kind === 'auth' || error.kind === 'permission';
  return (
    <div className="api-error" role="alert">
      <div className="api-error-head">
        <Icon name="alert" />
        <strong>{headline(error)}</strong>
        {error.status !== undefined && <span className="muted small">HTTP {error.status}</span>}
      </div>
      <p className="prewrap">
        <Prose text={error.message} />
      </p>
      {wait > 0 && <p className="small">You can retry in {wait} s.</p>}
      <div className="row-gap">
        {needsSettings && (
          <button type="button" className="btn btn-primary" onClick={() => navigate('settings', 'api-key')} aria-label="Open API key settings">
            <Icon name="key" /> {error.kind === 'no-key' ? 'Add your API key' : 'Check your API key'}
          </button>
        )}
        {canRetry && (
          <button type="button" className="btn" onClick={() => void retry()} aria-label="Retry the last message">
            <Icon name="refresh" /> Retry{wait > 0 ? ` (${wait} s)` : ''}
          </button>
        )}
      </div>
    </div>
  );
}
