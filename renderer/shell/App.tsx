// The window: sidebar, the current page, and the banners that sit above everything.
import { assertNever } from '../../app/api/errors.ts';
import { useAppStore } from '../store/storeContext.tsx';
import { ChatPane } from '../features/chat/ChatPane.tsx';
import { ConnectionBanner } from '../ui/ConnectionBanner.tsx';
import { LinkDialog } from '../ui/LinkDialog.tsx';
import { NoticeBar } from '../ui/NoticeBar.tsx';
import { HostNotices } from '../ui/HostNotices.tsx';
import { Suspense, useEffect } from 'react';
import { useActions, useStoreApi } from '../store/storeContext.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { Sidebar, SidebarRail } from './Sidebar.tsx';
import { applyTheme } from './theme.ts';
import { useNarrow } from './useNarrow.ts';
import { useShortcuts } from './useShortcuts.ts';
import { lazyNamed } from '../ui/lazyNamed.ts';

// Screens and dialogs only some sessions open load on demand (the chat is what every start shows).
const ServersPane = lazyNamed(() => import('../features/servers/ServersPane.tsx'), 'ServersPane');
const TasksPane = lazyNamed(() => import('../features/tasks/TasksPane.tsx'), 'TasksPane');
const SettingsPane = lazyNamed(() => import('../features/settings/SettingsPane.tsx'), 'SettingsPane');
const ServerRequests = lazyNamed(() => import('../features/protocol/ServerRequests.tsx'), 'ServerRequests');
const FirstRunImport = lazyNamed(() => import('../features/install/FirstRunImport.tsx'), 'FirstRunImport');
const LinkReview = lazyNamed(() => import('../features/install/LinkReview.tsx'), 'LinkReview');
const BundleReview = lazyNamed(() => import('../features/install/BundleReview.tsx'), 'BundleReview');

const loading = (
  <div className="page-loading" role="status">
    <p className="muted">Loading…</p>
  </div>
);

function Page() {
  const route = useAppStore((s) => s.ui.route);
  switch (route) {
    case 'chat':
      return <ChatPane />;
    case 'servers':
      return (
        <Suspense fallback={loading}>
          <ServersPane />
        </Suspense>
      );
    case 'tasks':
      return (
        <Suspense fallback={loading}>
          <TasksPane />
        </Suspense>
      );
    case 'settings':
      return (
        <Suspense fallback={loading}>
          <SettingsPane />
        </Suspense>
      );
    default:
      return assertNever(route);
  }
}

/** Sampling and elicitation requests, install links, bundles and the first-run offer: mounted (and loaded) once one waits. */
function Requests() {
  const protocol = useAppStore((s) => s.protocol.sampling.length + s.protocol.elicitations.length > 0);
  const firstRun = useAppStore((s) => s.install.firstRunOffer !== null);
  const link = useAppStore((s) => s.install.links.length > 0 || s.install.linkError !== null);
  const bundle = useAppStore((s) => s.install.bundles.length > 0);
  // One boundary each: a dialog loading for the first time never hides one already open.
  return (
    <>
      <Suspense fallback={null}>{protocol && <ServerRequests />}</Suspense>
      <Suspense fallback={null}>{firstRun && <FirstRunImport />}</Suspense>
      <Suspense fallback={null}>{link && <LinkReview />}</Suspense>
      <Suspense fallback={null}>{bundle && <BundleReview />}</Suspense>
    </>
  );
}

function useThemeChoice(): void {
  const theme = useAppStore((s) => s.settings.view?.theme ?? 'system');
  useEffect(() => applyTheme(theme), [theme]);
}

export function App() {
  const store = useStoreApi();
  useShortcuts(store);
  useThemeChoice();
  const narrow = useNarrow();
  const collapsedWide = useAppStore((s) => s.settings.view?.sidebarCollapsed ?? false);
  const openNarrow = useAppStore((s) => s.ui.sidebarOpenNarrow);
  const { toggleSidebar } = useActions();
  const showSidebar = narrow ? openNarrow : !collapsedWide;
  return (
    <div className={`app${narrow ? ' narrow' : ''}`}>
      {!showSidebar || narrow ? <SidebarRail narrow={narrow} /> : null}
      {showSidebar && <Sidebar narrow={narrow} />}
      {showSidebar && narrow && <div className="sidebar-scrim" aria-hidden="true" onClick={() => toggleSidebar(true)} />}
      <main className="main">
        <ConnectionBanner />
        <NoticeBar />
        <HostNotices />
        <Page />
      </main>
      <Requests />
      <LinkDialog />
      <ShortcutsDialog />
    </div>
  );
}
