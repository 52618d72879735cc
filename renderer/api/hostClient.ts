// The renderer's one way to reach the core: Electron's `window.host` when it is there,
// otherwise the web-mode WebSocket at ws(s)://<this host>/ws, signed in by its first frame (webSignIn.ts).
import { hostFromBridge } from './ipcHost.ts';
import type { HostBridge, HostClient } from './hostClientTypes.ts';
import { webSignIn } from './webSignIn.ts';
import { connectWebSocketHost } from './wsHost.ts';

export type { ConnectionStatus, HostClient } from './hostClientTypes.ts';

export async function connectHost(): Promise<HostClient> {
  const bridge = (window as unknown as { host?: HostBridge }).host;
  if (bridge) return hostFromBridge(bridge);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const auth = webSignIn({ location, history, storage: sessionStorage });
  return connectWebSocketHost({ url: `${scheme}//${location.host}/ws`, auth });
}
