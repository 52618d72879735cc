// The left column: navigation, health at a glance, and the list that belongs to the page. It collapses to a
// narrow rail (remembered) on a wide window, and hides behind a button on a narrow one.
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useActions } from '../store/storeContext.tsx';
import type { Route } from '../store/appState.ts';
import { Icon, type IconName } from '../ui/Icon.tsx';
import { ConversationList } from '../features/chat/ConversationList.tsx';
import { ServerList } from '../features/servers/ServerList.tsx';
import { healthDot, healthSentence, serverHealth, toolCounter } from './serverHealth.ts';
import { plural } from '../ui/format.ts';

function NavButton({ route, icon, label }: { route: Route; icon: IconName; label: string }) {
  const current = useAppStore((s) => s.ui.route === route);
  const { navigate } = useActions();
  return (
    <button
      type="button"
      className={`nav-btn${current ? ' selected' : ''}`}
      aria-current={current ? 'page' : undefined}
      aria-label={label}
      onClick={() => navigate(route)}
    >
      <Icon name={icon} />
      <span>{label}</span>
    </button>
  );
}

function Health() {
  const health = useAppStore(useShallow((s) => serverHealth(s.servers.order.map((name) => s.servers.byName[name]!))));
  const budget = useAppStore((s) => s.settings.info?.toolBudget);
  const { navigate } = useActions();
  const { ready, active, reconnecting, failing } = health;
  const over = budget?.over ?? false;
  const text = healthSentence(health, budget);
  const counter = toolCounter(health, budget);
  return (
    <button type="button" className="health" onClick={() => navigate('servers')} aria-label={text} title={text}>
      <span className={`status-dot ${healthDot(health)}`} aria-hidden="true" />
      <span>
        <strong>{ready}</strong>/{active} ready
      </span>
      <span className="health-sep" aria-hidden="true">
        ·
      </span>
      <span className={over ? 'budget-warn' : undefined} data-testid="tool-counter">
        <strong>{counter.strong}</strong>
        {counter.rest}
      </span>
      {(reconnecting > 0 || failing > 0) && (
        <span className="health-issues">
          {reconnecting > 0 && <span className="health-warn">{reconnecting} reconnecting</span>}
          {failing > 0 && <span className="health-bad">{plural(failing, 'error')}</span>}
        </span>
      )}
    </button>
  );
}

function RailButton({ icon, label, onClick, current }: { icon: IconName; label: string; onClick: () => void; current?: boolean }) {
  return (
    <button
      type="button"
      className={`icon-btn rail-btn${current ? ' selected' : ''}`}
      aria-label={label}
      title={label}
      aria-current={current ? 'page' : undefined}
      onClick={onClick}
    >
      <Icon name={icon} size={18} />
    </button>
  );
}

/** The collapsed sidebar: a thin rail of icons, so every page stays one click away. */
export function SidebarRail({ narrow }: { narrow: boolean }) {
  const route = useAppStore((s) => s.ui.route);
  const { toggleSidebar, navigate, newConversation } = useActions();
  return (
    <nav className="rail" aria-label="Navigation">
      <RailButton icon="sidebar" label="Show sidebar" onClick={() => toggleSidebar(narrow)} />
      <RailButton icon="plus" label="New conversation" onClick={() => void newConversation()} />
      <RailButton
        icon="search"
        label="Search conversations"
        onClick={() => {
          if (!narrow) toggleSidebar(false);
          navigate('chat', 'search');
        }}
      />
      <span className="rail-sep" aria-hidden="true" />
      <RailButton icon="chat" label="Chat" current={route === 'chat'} onClick={() => navigate('chat')} />
      <RailButton icon="servers" label="Servers" current={route === 'servers'} onClick={() => navigate('servers')} />
      <RailButton icon="tasks" label="Tasks" current={route === 'tasks'} onClick={() => navigate('tasks')} />
      <RailButton icon="settings" label="Settings" current={route === 'settings'} onClick={() => navigate('settings')} />
    </nav>
  );
}

export function Sidebar({ narrow }: { narrow: boolean }) {
  const route = useAppStore((s) => s.ui.route);
  const { toggleSidebar, showShortcuts } = useActions();
  return (
    <aside className="sidebar" aria-label="Sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Switchboard
        <span className="spacer" />
        <button type="button" className="icon-btn" aria-label="Keyboard shortcuts" title="Keyboard shortcuts" onClick={() => showShortcuts(true)}>
          <Icon name="keyboard" />
        </button>
        <button type="button" className="icon-btn" aria-label="Hide sidebar" title="Hide sidebar" onClick={() => toggleSidebar(narrow)}>
          <Icon name="sidebar" />
        </button>
      </div>
      <nav className="nav">
        <NavButton route="chat" icon="chat" label="Chat" />
        <NavButton route="servers" icon="servers" label="Servers" />
        <NavButton route="tasks" icon="tasks" label="Tasks" />
        <NavButton route="settings" icon="settings" label="Settings" />
      </nav>
      {route === 'servers' ? <ServerList /> : <ConversationList />}
      <Health />
    </aside>
  );
}
