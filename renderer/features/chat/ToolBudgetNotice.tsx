// Too many tools are enabled to send without asking: say so, and let the person choose.
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Icon } from '../../ui/Icon.tsx';

export function ToolBudgetNotice({ conversationId }: { conversationId: string | null }) {
  const refused = useAppStore((s) => (conversationId ? s.chat.overBudget[conversationId] : undefined));
  const { send, retry, navigate, dismissOverBudget } = useActions();
  if (!conversationId || !refused) return null;
  const anyway = () => void (refused.retry ? retry({ overToolBudget: 'send-anyway' }) : send({ overToolBudget: 'send-anyway' }));
  return (
    <div className="api-error budget-notice" role="alert">
      <div className="api-error-head">
        <Icon name="alert" />
        <strong>Many tools are enabled</strong>
      </div>
      <p className="prewrap">{refused.message}</p>
      <div className="row-gap">
        <button type="button" className="btn btn-primary" onClick={anyway}>
          Send with all tools
        </button>
        <button type="button" className="btn" onClick={() => navigate('servers')}>
          Review servers and tools
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => dismissOverBudget(conversationId)}>
          Not now
        </button>
      </div>
    </div>
  );
}
