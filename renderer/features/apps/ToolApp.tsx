// The MCP App of a tool call, if its tool has one: asked for when the card comes near the viewport,
// mounted while near and torn down when far away. A failure is a readable note and the plain result
// stays visible below it.
import { Suspense, useEffect, useRef, useState } from 'react';
import type { AppResourceView, ToolCallView } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';
import { toActionError } from '../../store/actionError.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { ToolResult } from '../chat/ToolResult.tsx';
import { lazyNamed } from '../../ui/lazyNamed.ts';
import { useNearViewport } from './useNearViewport.ts';

/** The frame and ext-apps' AppBridge (with the v2 SDK's client/core and zod under it) load with the first app shown. */
const AppFrame = lazyNamed(() => import('./AppFrame.tsx'), 'AppFrame');

type AppLoad = { kind: 'unknown' } | { kind: 'loading' } | { kind: 'none' } | { kind: 'ready'; app: AppResourceView } | { kind: 'failed'; message: string };

export function ToolApp({ call }: { call: ToolCallView }) {
  const { loadApp } = useActions();
  const proxyUrl = useAppStore((s) => s.settings.info?.appSandbox?.url);
  const platform = useAppStore((s) => (s.settings.info?.mode === 'electron' ? 'desktop' : 'web'));
  const hostVersion = useAppStore((s) => s.settings.info?.version ?? '0');
  const conversationId = useAppStore((s) => s.chat.activeId);
  const serverReady = useAppStore((s) => s.servers.byName[call.server]?.state.kind === 'ready');
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref);
  const [load, setLoad] = useState<AppLoad>({ kind: 'unknown' });
  const lastHeight = useRef(0);
  const started = call.status === 'running' || call.status === 'done';

  useEffect(() => {
    if (load.kind !== 'unknown' || !near || !serverReady || !started || !proxyUrl || !call.server) return;
    setLoad({ kind: 'loading' });
    loadApp(call.server, call.toolName).then(
      (app) => setLoad(app ? { kind: 'ready', app } : { kind: 'none' }),
      (error: unknown) => setLoad({ kind: 'failed', message: toActionError(error).message }),
    );
  }, [load.kind, near, serverReady, started, proxyUrl, call.server, call.toolName, loadApp]);

  const placeholder = <div className="app-placeholder" style={{ height: (lastHeight.current || 160) + 36 }} aria-hidden="true" />;
  const body = (() => {
    switch (load.kind) {
      case 'unknown':
      case 'loading':
      case 'none':
        return null;
      case 'ready':
        if (!near || !conversationId || !proxyUrl) return placeholder;
        return (
          <Suspense fallback={placeholder}>
            <AppFrame
              app={load.app}
              call={call}
              conversationId={conversationId}
              proxyUrl={proxyUrl}
              platform={platform}
              hostVersion={hostVersion}
              lastHeight={lastHeight}
              onFailed={(message) => setLoad({ kind: 'failed', message })}
            />
          </Suspense>
        );
      case 'failed':
        return (
          <div className="app-failed" role="note">
            <p className="small">
              The app of this tool could not be shown: {load.message.replace(/[.\s]*$/, '.')} {call.result ? 'The plain result is below.' : ''}
            </p>
            {call.result && <ToolResult result={call.result} />}
          </div>
        );
      default:
        return assertNever(load);
    }
  })();

  return (
    <div ref={ref} className="tool-app">
      {body}
    </div>
  );
}
