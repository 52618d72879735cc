// Who may call the core over IPC: only the top frame of one of our windows, showing our own app page.
import type { WebContents, WebFrameMain } from 'electron';
import { isAppUrl } from './appProtocol.ts';

export interface OwnWindow {
  isDestroyed(): boolean;
  webContents: WebContents;
}

export function isTrustedSender(windows: Iterable<OwnWindow>, frame: Pick<WebFrameMain, 'parent' | 'url'> | null, sender: WebContents): boolean {
  if (!frame || frame.parent !== null) return false;
  if (![...windows].some((win) => !win.isDestroyed() && win.webContents === sender)) return false;
  return isAppUrl(frame.url);
}
