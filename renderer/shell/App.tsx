// The window: sidebar, the current page, and the banners that sit above everything.
import { assertNever } from '../../app/api/errors.ts';
import { useAppStore } from '../store/storeContext.tsx';
import { ChatPane } from '../features/chat/ChatPane.tsx';
import { ServersPane } from '../features/servers/ServersPane.tsx';
import { SettingsPane } from '../features/settings/SettingsPane.tsx';
import { ConnectionBanner } from '../ui/ConnectionBanner.tsx';
import { LinkDialog } from '../ui/LinkDialog.tsx';
import { NoticeBar } from '../ui/NoticeBar.tsx';
import { HostNotices } from '../ui/HostNotices.tsx';
import { ServerRequests } from '../features/protocol/ServerRequests.tsx';
import { useEffect } from 'react';
import { useActions, useStoreApi } from '../store/storeContext.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { Sidebar, SidebarRail } from './Sidebar.tsx';
import { applyTheme } from './theme.ts';
import { useNarrow } from './useNarrow.ts';
import { useShortcuts } from './useShortcuts.ts';
import { FirstRunImport } from '../features/install/FirstRunImport.tsx';
import { LinkReview } from '../features/install/LinkReview.tsx';
import { BundleReview } from '../features/install/BundleReview.tsx';

function Page() {
  const route = useAppStore((s) => s.ui.route);
  switch (route) {
    case 'chat':
      return <ChatPane />;
    case 'servers':
      return <ServersPane />;
    case 'settings':
      return <SettingsPane />;
    default:
      return assertNever(route);
  }
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
      <ServerRequests />
      <FirstRunImport />
      <LinkReview />
      <BundleReview />
      <LinkDialog />
      <ShortcutsDialog />
    </div>
  );
}
