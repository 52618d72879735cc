// switchboard:// install links reaching the desktop app: from the OS (open-url on macOS), from a second
// launch (argv on Windows/Linux, handed over by the single-instance lock), or from the first launch's argv.
// Each goes to the core's `install.openLink`, which shows the review; nothing is installed here.
import type { App } from 'electron';

export const INSTALL_SCHEME = 'switchboard';

/** The install link among command-line arguments, if any. */
export function installLinkFromArgv(argv: readonly string[]): string | undefined {
  return argv.find((a) => a.toLowerCase().startsWith(`${INSTALL_SCHEME}://install`));
}

/**
 * Registers the protocol and forwards every link to `deliver`. Links that arrive before the core is
 * ready wait in order. Returns `ready()`, to call once the core can take them.
 */
export function registerInstallLinks(app: Pick<App, 'setAsDefaultProtocolClient' | 'on'>, deliver: (link: string) => void): { ready(): void } {
  app.setAsDefaultProtocolClient(INSTALL_SCHEME);
  const queued: string[] = [];
  let isReady = false;
  const take = (link: string | undefined) => {
    if (!link) return;
    if (isReady) deliver(link);
    else queued.push(link);
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    take(url);
  });
  app.on('second-instance', (_event, argv) => take(installLinkFromArgv(argv)));
  take(installLinkFromArgv(process.argv));
  return {
    ready() {
      isReady = true;
      for (const link of queued.splice(0)) deliver(link);
    },
  };
}
