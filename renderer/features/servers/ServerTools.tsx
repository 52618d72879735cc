// A server's tools with their full descriptions (as text) and per-tool enable switches.
import { useState } from 'react';
import type { ServerView, ToolView } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Toggle } from '../../ui/Toggle.tsx';

function PinButton({ apiName, name }: { apiName: string; name: string }) {
  const pinned = useAppStore((s) => s.settings.view?.pinnedTools ?? []);
  const { updateSettings } = useActions();
  const on = pinned.includes(apiName);
  const toggle = () => void updateSettings({ pinnedTools: on ? pinned.filter((n) => n !== apiName) : [...pinned, apiName] });
  return (
    <button
      type="button"
      className={`btn btn-small${on ? ' selected' : ''}`}
      aria-pressed={on}
      title={
        on
          ? 'Always sent with its definition; click to let tool search load it when needed'
          : 'Keep this tool loaded even when the others wait behind tool search'
      }
      aria-label={`${on ? 'Unpin' : 'Pin'} tool ${name}`}
      onClick={toggle}
    >
      {on ? 'Pinned' : 'Pin'}
    </button>
  );
}

function ToolRow({ server, tool }: { server: string; tool: ToolView }) {
  const { setToolEnabled } = useActions();
  const [open, setOpen] = useState(false);
  const long = tool.description.length > 220;
  const title = tool.title ?? tool.annotations?.title;
  return (
    <li className="tool-row">
      <div className="tool-row-main">
        <div className="tool-row-head">
          <span className="tool-name mono" title={tool.name}>
            {tool.name}
          </span>
          {title && title !== tool.name && <span className="muted small">{title}</span>}
          {tool.annotations?.readOnlyHint && <span className="chip">read-only</span>}
          {tool.annotations?.destructiveHint && <span className="chip chip-warn">destructive</span>}
        </div>
        {tool.description && <p className={`tool-desc prewrap${long && !open ? ' clamped' : ''}`}>{tool.description}</p>}
        {long && (
          <button
            type="button"
            className="link-btn small"
            onClick={() => setOpen(!open)}
            aria-expanded={open}
            aria-label={open ? `Show less of ${tool.name}` : `Show the full description of ${tool.name}`}
          >
            {open ? 'Show less' : 'Show full description'}
          </button>
        )}
        {tool.skippedReason && <p className="inline-error small">Not offered to Claude: {tool.skippedReason}</p>}
      </div>
      {tool.apiName && tool.enabled && <PinButton apiName={tool.apiName} name={tool.name} />}
      <Toggle
        checked={tool.enabled}
        label={`${tool.enabled ? 'Disable' : 'Enable'} tool ${tool.name}`}
        onChange={(on) => void setToolEnabled(server, tool.name, on)}
      />
    </li>
  );
}

export function ServerTools({ server }: { server: ServerView }) {
  const enabled = server.tools.filter((t) => t.enabled).length;
  return (
    <section className="section" aria-labelledby="tools-heading">
      <h2 id="tools-heading" className="section-title">
        Tools <span className="muted">{server.tools.length > 0 ? `${enabled} of ${server.tools.length} enabled` : ''}</span>
      </h2>
      {server.tools.length === 0 ? (
        <p className="muted">{server.state.kind === 'ready' ? 'This server offers no tools.' : 'Tools appear here once the server is ready.'}</p>
      ) : (
        <ul className="tool-list" aria-label={`Tools of ${server.name}`}>
          {server.tools.map((t) => (
            <ToolRow key={t.name} server={server.name} tool={t} />
          ))}
        </ul>
      )}
    </section>
  );
}
