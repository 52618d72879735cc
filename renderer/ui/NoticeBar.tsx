// A dismissible note for failures that do not belong to a field or a message.
import { useActions, useAppStore } from '../store/storeContext.tsx';
import { Icon } from './Icon.tsx';
import { Prose } from './Prose.tsx';

export function NoticeBar() {
  const notice = useAppStore((s) => s.ui.notice);
  const { dismissNotice } = useActions();
  if (!notice) return null;
  return (
    <div className={`banner ${notice.kind === 'error' ? 'banner-error' : 'banner-info'}`} role="alert">
      <span className="banner-text">
        <Prose text={notice.text} />
      </span>
      <button type="button" className="icon-btn" onClick={dismissNotice} aria-label="Dismiss message">
        <Icon name="x" />
      </button>
    </div>
  );
}
