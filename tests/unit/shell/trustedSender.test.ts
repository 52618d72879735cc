// The real rule for who may call the core over IPC (main/electron/trustedSender.ts), case by case.
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_URL } from '../../../main/electron/appProtocol.ts';
import { isTrustedSender, type OwnWindow } from '../../../main/electron/trustedSender.ts';

const contents = (name: string) => ({ name }) as unknown as WebContents;
const ours = contents('ours');
const window = (wc: WebContents, destroyed = false): OwnWindow => ({ webContents: wc, isDestroyed: () => destroyed });
const top = (url: string) => ({ parent: null, url });

describe('isTrustedSender', () => {
  const windows = [window(ours)];

  it('accepts the top frame of our window showing the app', () => {
    expect(isTrustedSender(windows, top(`${APP_URL}`), ours)).toBe(true);
    expect(isTrustedSender(windows, top(`${APP_URL}index.html#/settings`), ours)).toBe(true);
  });

  it('refuses a subframe, even on our own page', () => {
    expect(isTrustedSender(windows, { parent: top(APP_URL) as never, url: APP_URL }, ours)).toBe(false);
  });

  it('refuses our window when it shows any other page', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/', 'about:blank', 'http://127.0.0.1:5173/']) {
      expect(isTrustedSender(windows, top(url), ours), url).toBe(false);
    }
  });

  it('refuses a window that is not ours, a destroyed one, and a missing frame', () => {
    expect(isTrustedSender(windows, top(APP_URL), contents('foreign'))).toBe(false);
    expect(isTrustedSender([window(ours, true)], top(APP_URL), ours)).toBe(false);
    expect(isTrustedSender(windows, null, ours)).toBe(false);
  });
});
