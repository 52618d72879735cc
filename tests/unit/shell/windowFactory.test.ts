// The window factory and session hardening, against a stand-in for Electron (its runtime cannot be
// downloaded here): the secure webPreferences, new windows denied with links sent only through the safe
// opener, navigation kept inside the app, and every permission refused.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;
const electron = vi.hoisted(() => {
  const state = {
    windows: [] as { options: Record<string, unknown>; handlers: Map<string, Handler>; openHandler?: Handler; loaded?: string }[],
    opened: [] as string[],
    session: {} as Record<string, Handler>,
  };
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const record = { options, handlers: new Map<string, Handler>() } as (typeof state.windows)[number];
      state.windows.push(record);
      this.webContents = {
        setWindowOpenHandler: (fn: Handler) => (record.openHandler = fn),
        on: (event: string, fn: Handler) => record.handlers.set(event, fn),
      };
      (this as unknown as { record: typeof record }).record = record;
    }
    once(): void {}
    loadURL(url: string): Promise<void> {
      (this as unknown as { record: { loaded?: string } }).record.loaded = url;
      return Promise.resolve();
    }
  }
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (fn: Handler) => (state.session.request = fn),
      setPermissionCheckHandler: (fn: Handler) => (state.session.check = fn),
      setDevicePermissionHandler: (fn: Handler) => (state.session.device = fn),
      webRequest: { onHeadersReceived: (fn: Handler) => (state.session.headers = fn) },
    },
  };
  const shell = { openExternal: async (url: string) => void state.opened.push(url) };
  return { state, module: { BrowserWindow, session, shell } };
});
vi.mock('electron', () => electron.module);

const { createAppWindow, hardenSession } = await import('../../../main/electron/windowFactory.ts');
const { APP_URL } = await import('../../../main/electron/appProtocol.ts');

beforeEach(() => {
  electron.state.windows.length = 0;
  electron.state.opened.length = 0;
});

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the window factory', () => {
  it('makes isolated, sandboxed windows without Node that load only the app', () => {
    createAppWindow({ preloadPath: '/app/preload.cjs' });
    const [win] = electron.state.windows;
    expect(win!.options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(win!.loaded).toBe(APP_URL);
  });

  it('denies every new window and sends only http(s) links to the browser', async () => {
    const refused: string[] = [];
    createAppWindow({ preloadPath: 'p', onRefusedLink: (r) => refused.push(r) });
    const open = electron.state.windows[0]!.openHandler!;
    for (const url of ['https://example.com/a', 'javascript:alert(1)', 'file:///etc/passwd', 'ms-msdt:/id PCWDiagnostic']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    await flush();
    expect(electron.state.opened).toEqual(['https://example.com/a']);
    expect(refused).toHaveLength(3);
  });

  it('keeps navigation and redirects inside the app, and refuses webviews', async () => {
    createAppWindow({ preloadPath: 'p' });
    const handlers = electron.state.windows[0]!.handlers;
    const event = () => ({
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    });
    const inside = event();
    handlers.get('will-navigate')!(inside, `${APP_URL}settings`);
    expect(inside.prevented).toBe(false);
    const outside = event();
    handlers.get('will-navigate')!(outside, 'https://evil.example/');
    expect(outside.prevented).toBe(true);
    const redirect = event();
    handlers.get('will-redirect')!(redirect, 'http://127.0.0.1:1/');
    expect(redirect.prevented).toBe(true);
    const webview = event();
    handlers.get('will-attach-webview')!(webview);
    expect(webview.prevented).toBe(true);
    await flush();
    expect(electron.state.opened).toEqual(['https://evil.example/']);
  });

  it('refuses every permission and sends the CSP with every response', () => {
    hardenSession();
    const s = electron.state.session;
    let granted: boolean | undefined;
    s.request!({}, 'camera', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(s.check!()).toBe(false);
    expect(s.device!()).toBe(false);
    let headers: Record<string, string[]> = {};
    s.headers!({ responseHeaders: {} }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']![0]).toMatch(/script-src 'self'/);
    expect(headers['Content-Security-Policy']![0]).not.toMatch(/unsafe-inline[^;]*script|script-src[^;]*unsafe-inline/);
    expect(headers['Content-Security-Policy']![0]).toContain('frame-src app-sandbox://proxy;');
  });

  it('leaves the MCP Apps sandbox page its own policy (frameable by the app), and only that page', () => {
    hardenSession();
    const s = electron.state.session;
    const own = { 'Content-Security-Policy': ["default-src 'none'; frame-ancestors app://switchboard"] };
    let headers: Record<string, string[]> = {};
    s.headers!(
      { url: 'app-sandbox://proxy/sandbox.html', responseHeaders: own },
      (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual(own);
    s.headers!(
      { url: 'app-sandbox://proxy.evil/sandbox.html', responseHeaders: own },
      (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders),
    );
    expect(headers['Content-Security-Policy']![0]).toContain("frame-ancestors 'none'");
  });
});
