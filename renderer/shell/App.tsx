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
import { Sidebar } from './Sidebar.tsx';
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

export function App() {
  return (
    <div className="app">
      <Sidebar />
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
    </div>
  );
}
