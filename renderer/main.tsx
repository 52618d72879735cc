// The renderer's entry: connect to the host, make the one store, render. Shows a plain message if the host is unreachable.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectHost } from './api/hostClient.ts';
import { createAppStore } from './store/createAppStore.ts';
import { AppStoreProvider } from './store/storeContext.tsx';
import { App } from './shell/App.tsx';
import { takeInstallRoute } from './features/install/installRoute.ts';
import './styles/app.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element.');
const root = createRoot(rootElement);

function showFailure(message: string): void {
  root.render(
    <div className="boot-failure" role="alert">
      <h1>Switchboard could not start its window</h1>
      <p>{message}</p>
      <button type="button" className="btn btn-primary" onClick={() => location.reload()} aria-label="Try again">
        Try again
      </button>
    </div>,
  );
}

connectHost().then(
  (api) => {
    const store = createAppStore(api);
    const stop = store.getState().actions.start();
    const link = takeInstallRoute(location, (url) => history.replaceState(null, '', url));
    if (link) void store.getState().actions.openInstallLink(link);
    window.addEventListener('beforeunload', stop);
    const offStatus = api.onStatus((status) => store.getState().actions.setConnection(status.kind === 'open' ? 'open' : 'lost'));
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
