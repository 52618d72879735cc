// One live MCP App inside its tool card: the sandbox-proxy frame, its bridge session, host context
// (theme, locale, display mode, container size) and its changes, tool input and result, auto-height
// with a maximum, full screen on request, and teardown when it unmounts.
import { useEffect, useRef, useState } from 'react';
import type { McpUiDisplayMode, McpUiHostContext } from '@modelcontextprotocol/ext-apps/app-bridge';
import type { AppResourceView, ToolCallView } from '../../../app/api/index.ts';
import { useActions, useAppStore, useStoreApi } from '../../store/storeContext.tsx';
import { startAppSession, type AppSession } from './appSession.ts';
import { hostStyles } from './hostStyles.ts';
import { useColorScheme } from './useColorScheme.ts';
import { AppDownloadAsk } from './AppDownloadAsk.tsx';
import { saveFiles, type DownloadAsk } from './appDownloads.ts';
import { AppMessageAsk } from './AppMessageAsk.tsx';
import { useAppAsk } from './useAppAsk.ts';

export const MAX_INLINE_HEIGHT = 640;
const START_HEIGHT = 160;
const INIT_TIMEOUT_MS = 20_000;

type Mode = 'inline' | 'fullscreen';

export interface AppFrameProps {
  app: AppResourceView;
  call: ToolCallView;
  conversationId: string;
  proxyUrl: string;
  platform: 'web' | 'desktop';
  hostVersion: string;
  /** The last height the app asked for, kept across unmounts so scrolling does not jump. */
  lastHeight: { current: number };
  onFailed(message: string): void;
}

export function AppFrame({ app, call, conversationId, proxyUrl, platform, hostVersion, lastHeight, onFailed }: AppFrameProps) {
  const actions = useActions();
  const store = useStoreApi();
  const frameRef = useRef<HTMLIFrameElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const sessionRef = useRef<AppSession | null>(null);
  const [initialized, setInitialized] = useState(false);
  const [height, setHeight] = useState(lastHeight.current || START_HEIGHT);
  const [mode, setMode] = useState<Mode>('inline');
  const [width, setWidth] = useState(0);
  const theme = useColorScheme();
  const toolView = useAppStore((s) => s.servers.byName[app.server]?.tools.find((t) => t.name === app.tool));
  const resourceListChanges = useAppStore((s) => s.protocol.resourceListChanges[app.server] ?? 0);
  const resourcesSeen = useRef(resourceListChanges);
  const ask = useAppAsk<string>((text) => actions.appMessage(conversationId, app.server, app.tool, text));
  const download = useAppAsk<DownloadAsk>(async (d) => {
    if (d.kind === 'files') saveFiles(d.files);
    else throw new Error(d.reason);
  });
  const live = useRef({ onFailed });
  live.current = { onFailed };

  const context = (): McpUiHostContext => ({
    theme,
    styles: hostStyles(),
    displayMode: mode,
    availableDisplayModes: ['inline', 'fullscreen'],
    locale: navigator.language,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    platform,
    userAgent: 'Switchboard',
    containerDimensions: mode === 'fullscreen' ? { width: window.innerWidth, height: window.innerHeight - 48 } : { width, maxHeight: MAX_INLINE_HEIGHT },
    toolInfo: {
      id: call.id,
      tool: {
        name: call.toolName,
        ...(toolView?.title ? { title: toolView.title } : {}),
        ...(toolView?.description ? { description: toolView.description } : {}),
        inputSchema: (toolView?.inputSchema as { type: 'object' } | undefined) ?? { type: 'object' },
      },
    },
  });

  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    let session: AppSession;
    try {
      session = startAppSession(frame, proxyUrl, app, context(), hostVersion, {
        callTool: (name, args) => actions.appCallTool(conversationId, call.id, app.server, name, args),
        readResource: async (uri) => {
          const read = await actions.readResource(app.server, uri);
          if ('message' in read) throw new Error(read.message);
          return read;
        },
        listResources: async () => {
          // The same list the Resources page shows, refreshed for the app.
          await actions.loadResources(app.server);
          const { resources, resourceError } = store.getState().protocol;
          if (resourceError[app.server]) throw new Error(resourceError[app.server]);
          return resources[app.server] ?? [];
        },
        message: (text) => ask.request(text),
        download: (plan) => download.request(plan),
        updateContext: (text) => actions.appUpdateContext(conversationId, app.server, app.tool, text),
        displayMode: (requested: McpUiDisplayMode) => {
          const granted: Mode = requested === 'fullscreen' ? 'fullscreen' : 'inline';
          setMode(granted);
          return granted;
        },
        size: (h) => {
          if (typeof h !== 'number' || !Number.isFinite(h) || h <= 0) return;
          const next = Math.min(Math.ceil(h), MAX_INLINE_HEIGHT);
          lastHeight.current = next;
          setHeight(next);
        },
        initialized: () => setInitialized(true),
        teardownRequested: () => live.current.onFailed('it closed itself'),
      });
    } catch (error) {
      live.current.onFailed((error as Error).message);
      return;
    }
    sessionRef.current = session;
    return () => {
      sessionRef.current = null;
      void session.close();
    };
    // One session per mounted frame: the app and its call do not change while it is mounted.
  }, []);

  useEffect(() => {
    if (initialized) return;
    const timer = setTimeout(() => live.current.onFailed('it did not start (it sent no ui/initialize within 20 seconds)'), INIT_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [initialized]);

  useEffect(() => {
    if (initialized) sessionRef.current?.input(call.input);
  }, [initialized, call.input]);

  useEffect(() => {
    if (!initialized) return;
    if (call.status === 'done' && call.result) sessionRef.current?.result(call.result);
    else if (call.status === 'error' && call.result) sessionRef.current?.result(call.result);
    else if (call.status === 'cancelled') sessionRef.current?.cancelled(call.error ?? 'The call was stopped.');
  }, [initialized, call.status, call.result, call.error]);

  useEffect(() => {
    sessionRef.current?.setContext(context());
  }, [theme, mode, width]);

  // The server's resource list changed since the app started (or last heard): it is told, and may list them again.
  useEffect(() => {
    if (!initialized || resourceListChanges === resourcesSeen.current) return;
    resourcesSeen.current = resourceListChanges;
    sessionRef.current?.resourcesChanged();
  }, [initialized, resourceListChanges]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => setWidth(Math.round(box.clientWidth)));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (mode !== 'fullscreen') return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMode('inline');
    };
    window.addEventListener('keydown', onKey);
    // The message list positions rows with a transform, which would trap a fixed layer inside it.
    // Moving the frame elsewhere would reload the app, so the list drops its transform meanwhile.
    document.documentElement.classList.add('has-fullscreen-app');
    return () => {
      window.removeEventListener('keydown', onKey);
      document.documentElement.classList.remove('has-fullscreen-app');
    };
  }, [mode]);

  const label = `App of ${app.server} · ${app.tool}`;
  return (
    <>
      {/* Full screen takes the frame out of the list: its place is kept, so nothing below moves. */}
      {mode === 'fullscreen' && <div className="app-placeholder" style={{ height: height + 36 }} aria-hidden="true" />}
      <div
        ref={boxRef}
        className={`app-frame mode-${mode}${app.prefersBorder === false ? ' borderless' : ''}`}
        data-app-state={initialized ? 'ready' : 'starting'}
      >
        <div className="app-bar">
          <span className="small muted" title={app.uri}>
            {label}
          </span>
          {!initialized && <span className="spinner" aria-label="The app is starting" />}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setMode(mode === 'inline' ? 'fullscreen' : 'inline')}>
            {mode === 'inline' ? 'Full screen' : 'Exit full screen'}
          </button>
        </div>
        <iframe
          ref={frameRef}
          title={label}
          className="app-iframe"
          style={mode === 'inline' ? { height } : undefined}
          referrerPolicy="no-referrer"
          loading="eager"
        />
        {ask.pending !== null && <AppMessageAsk app={app} text={ask.pending} onAnswer={ask.answer} />}
        {download.pending !== null && <AppDownloadAsk app={app} ask={download.pending} onAnswer={download.answer} />}
      </div>
    </>
  );
}
