// The one place Switchboard makes a window: isolated, sandboxed, no Node, web security on,
// new windows denied (http(s) links go to the browser via the one safe opener), navigation
// kept inside the app, and every permission request refused.
import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { buildCsp } from '../shared/csp.ts';
import { APP_URL, isAppUrl } from './appProtocol.ts';
import { openExternal } from './openExternal.ts';
import { isSandboxUrl, SANDBOX_ORIGIN } from './sandboxProtocol.ts';

export interface WindowFactoryOptions {
  preloadPath: string;
  iconPath?: string;
  onRefusedLink?(reason: string): void;
}

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  const csp = buildCsp({ frame: [SANDBOX_ORIGIN] });
  ses.webRequest.onHeadersReceived((details, callback) => {
    // The MCP Apps sandbox page carries its own policy (frameable by the app only); everything else gets the app's.
    if (typeof details.url === 'string' && isSandboxUrl(details.url)) return callback({ responseHeaders: details.responseHeaders ?? {} });
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

export function createAppWindow(options: WindowFactoryOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 720,
    minHeight: 480,
    title: 'Switchboard',
    show: false,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  });
  guardNavigation(win.webContents, options.onRefusedLink);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}

function guardNavigation(contents: WebContents, onRefused?: (reason: string) => void): void {
  const openOutside = (url: string): void => {
    void openExternal(url, (safe) => shell.openExternal(safe)).then((check) => {
      if (!check.ok) onRefused?.(check.reason);
    });
  };
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openOutside(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
