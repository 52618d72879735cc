// The renderer's entry: connect to the host, make the one store, render. Shows a plain message if the host is unreachable.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { assertNever } from '../app/api/errors.ts';
import { connectHost, type ConnectionStatus } from './api/hostClient.ts';
import { createAppStore } from './store/createAppStore.ts';
import { AppStoreProvider } from './store/storeContext.tsx';
import { App } from './shell/App.tsx';
import { applyTheme } from './shell/theme.ts';
import { takeInstallRoute } from './features/install/installRoute.ts';
import './styles/app.css';

// The OS's light or dark from the first paint; the person's choice applies once the settings load.
applyTheme('system');

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element.');
const root = createRoot(rootElement);

function showFailure(message: string, title = 'Switchboard could not start its window'): void {
  root.render(
    <div className="boot-failure" role="alert">
      <h1>{title}</h1>
      <p>{message}</p>
      <button type="button" className="btn btn-primary" onClick={() => location.reload()} aria-label="Try again">
        Try again
      </button>
    </div>,
  );
}

connectHost().then(
  (api) => {
    const first = api.status();
    if (first.kind === 'signed-out') return showFailure(first.reason, 'This tab is not signed in to Switchboard');
    const store = createAppStore(api);
    const stop = store.getState().actions.start();
    const link = takeInstallRoute(location, (url) => history.replaceState(null, '', url));
    if (link) void store.getState().actions.openInstallLink(link);
    window.addEventListener('beforeunload', stop);
    const offStatus = api.onStatus((status) => store.getState().actions.setConnection(connectionOf(status)));
    window.addEventListener('beforeunload', () => {
      offStatus();
      api.close();
    });
    root.render(
      <StrictMode>
        <AppStoreProvider store={store}>
          <App />
        </AppStoreProvider>
      </StrictMode>,
    );
  },
  (error: unknown) => showFailure(error instanceof Error ? error.message : String(error)),
);

function connectionOf(status: ConnectionStatus): 'open' | 'lost' | 'signed-out' {
  switch (status.kind) {
    case 'open':
      return 'open';
    case 'connecting':
    case 'closed':
      return 'lost';
    case 'signed-out':
      return 'signed-out';
    default:
      return assertNever(status);
  }
}
