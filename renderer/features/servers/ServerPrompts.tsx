// A server's prompts: what each does and asks for, and a way to start one as a slash command.
import type { ServerView } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';

const NONE: never[] = [];

export function ServerPrompts({ server }: { server: ServerView }) {
  const prompts = useAppStore((s) => s.protocol.prompts[server.name] ?? NONE);
  const activeId = useAppStore((s) => s.chat.activeId);
  const { setDraft, navigate } = useActions();
  if (server.state.kind !== 'ready' || !server.capabilities?.prompts || prompts.length === 0) return null;
  return (
    <section className="section" aria-labelledby="prompts-heading">
      <h2 id="prompts-heading" className="section-title">
        Prompts <span className="muted">type / in the chat to use them</span>
      </h2>
      <ul className="tool-list" aria-label={`Prompts of ${server.name}`}>
        {prompts.map((p) => (
          <li key={p.name} className="resource-row">
            <div className="resource-main">
              <div className="tool-row-head">
                <span className="tool-name mono">/{p.name}</span>
                {p.title && p.title !== p.name && <span className="muted small">{p.title}</span>}
              </div>
              {p.description && <p className="tool-desc prewrap">{p.description}</p>}
              {p.arguments.length > 0 && (
                <p className="small muted">Asks for {p.arguments.map((a) => `${a.title ?? a.name}${a.required ? '' : ' (optional)'}`).join(', ')}</p>
              )}
            </div>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setDraft(activeId, `/${p.name}`);
                navigate('chat');
              }}
              aria-label={`Use the prompt ${p.name} in the chat`}
            >
              Use
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
