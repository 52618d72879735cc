// The desktop app's main process: one instance, one hardened window, the core behind the IPC
// bridge, the API key in safeStorage, the login shell's PATH, and quitting stops every server.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, ipcMain, protocol, safeStorage, shell, type BrowserWindow } from 'electron';
import type { HostService } from '../../app/api/contract.ts';
import { createHost } from '../../app/host/createHost.ts';
import { createConsoleLogger } from '../shared/consoleLogger.ts';
import { parseLaunchArgs } from '../shared/launchArgs.ts';
import { APP_ORIGIN, handleAppProtocol, registerAppScheme } from './appProtocol.ts';
import { handleSandboxProtocol, SANDBOX_SCHEME_PRIVILEGES, SANDBOX_URL } from './sandboxProtocol.ts';
import { isTrustedSender } from './trustedSender.ts';
import { registerIpcBridge } from './ipcBridge.ts';
import { loginShellEnv } from './loginShellEnv.ts';
import { createSafeStorageSecrets } from './safeStorageSecrets.ts';
import { createAppWindow, hardenSession } from './windowFactory.ts';
import { openExternal } from './openExternal.ts';
import { safeStorageCodec } from './safeStorageCodec.ts';
import { FileAuthSecrets, SECRET_FILES } from '../../app/secrets/index.ts';
import { registerInstallLinks } from './installLinks.ts';
import { registerBundleFiles } from './bundleFiles.ts';

const logger = createConsoleLogger(process.env.SWITCHBOARD_LOG_LEVEL === 'debug' ? 'debug' : 'info');
const windows = new Set<BrowserWindow>();
let host: HostService | undefined;
let disposeBridge: (() => void) | undefined;
let shutdown: Promise<void> | undefined;
let stopped = false;

registerAppScheme(protocol, [SANDBOX_SCHEME_PRIVILEGES]);

let installLinks: { ready(): void } | undefined;
let bundleFiles: { ready(): void } | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  installLinks = registerInstallLinks(app, (link) => {
    host?.call('install.openLink', { link }).catch((error: unknown) => {
      logger.warn('install link refused', { error: error instanceof Error ? error.message : String(error) });
    });
  });
  bundleFiles = registerBundleFiles(
    app,
    (fileName, dataBase64) => {
      host?.call('bundles.open', { fileName, dataBase64 }).catch((error: unknown) => {
        logger.warn('bundle refused', { error: error instanceof Error ? error.message : String(error) });
      });
    },
    (message) => logger.warn(message),
  );
  app.on('second-instance', () => {
    const win = [...windows][0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.error('Switchboard could not start', { error: error instanceof Error ? error.message : String(error) });
      app.exit(1);
    });
}

/** The servers' sandbox helper, unpacked beside app.asar (electron-builder.yml `asarUnpack`): a program cannot run from inside the archive. */
function packagedSeccompHelper(): string {
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  return path.join(process.resourcesPath, 'app.asar.unpacked', 'node_modules', '@anthropic-ai', 'sandbox-runtime', 'vendor', 'seccomp', arch, 'apply-seccomp');
}

async function start(): Promise<void> {
  const args = parseLaunchArgs(process.argv.slice(1));
  const appRoot = app.getAppPath();
  hardenSession();
  handleAppProtocol(protocol, path.join(appRoot, 'out', 'renderer'));
  handleSandboxProtocol(protocol, APP_ORIGIN);
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  const env = await loginShellEnv(process.env, process.platform);
  const dataDir = args.dataDir ? path.resolve(args.dataDir) : env.SWITCHBOARD_DATA_DIR || app.getPath('userData');
  host = await createHost({
    dataDir,
    env,
    mode: 'electron',
    logger,
    appSandboxUrl: SANDBOX_URL,
    platform: process.platform,
    home: app.getPath('home'),
    ...(app.isPackaged ? { sandboxSeccompPath: packagedSeccompHelper() } : {}),
    secrets: createSafeStorageSecrets(safeStorage, path.join(dataDir, SECRET_FILES.apiKeyEncrypted)),
    authSecrets: new FileAuthSecrets(dataDir, { codec: safeStorageCodec(safeStorage), fileName: SECRET_FILES.oauthEncrypted }),
    // OAuth sign-in: the core's loopback listener (RFC 8252) is the redirect target; the page opens in the system browser.
    openExternal: async (url) => {
      const check = await openExternal(url, (safe) => shell.openExternal(safe));
      if (!check.ok) throw new Error(check.reason);
    },
  });
  disposeBridge = registerIpcBridge({ ipcMain, host, logger, isTrustedSender: (frame, sender) => isTrustedSender(windows, frame, sender) });
  openWindow(appRoot);
  installLinks?.ready();
  bundleFiles?.ready();
  app.on('activate', () => {
    if (windows.size === 0) openWindow(appRoot);
  });
}

function openWindow(appRoot: string): void {
  const icon = path.join(appRoot, 'resources', 'icon.png');
  const win = createAppWindow({
    preloadPath: path.join(appRoot, 'out', 'preload', 'preload.cjs'),
    ...(existsSync(icon) ? { iconPath: icon } : {}),
    onRefusedLink: (reason) => logger.warn('refused to open a link', { reason }),
  });
  windows.add(win);
  win.on('closed', () => windows.delete(win));
}

function stopEverything(): Promise<void> {
  return (shutdown ??= (async () => {
    disposeBridge?.();
    await host?.dispose();
  })());
}

app.on('window-all-closed', () => app.quit());
app.on('before-quit', (event) => {
  if (!host || stopped) return;
  event.preventDefault();
  void stopEverything().finally(() => {
    stopped = true;
    app.quit();
  });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void stopEverything().finally(() => app.exit(0));
  });
}
