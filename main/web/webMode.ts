// Web mode as one call: create the core for a data dir, serve it, and return the stop.
// The CLI entry (cli.ts) and tests use this; Electron-less launches of `npm start` land here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { HostService } from '../../app/api/contract.ts';
import { createHost } from '../../app/host/createHost.ts';
import type { Logger } from '../../app/base/logger.ts';
import { OAuthCallbackRoute } from './oauthCallbackRoute.ts';
import { startSandboxServer } from './sandboxServer.ts';
import { startWebServer, type WebServer } from './webServer.ts';

export interface WebModeOptions {
  dataDir: string;
  env: Record<string, string | undefined>;
  logger: Logger;
  port?: number;
  /** Candidate folders holding the built renderer; the first with an index.html wins. */
  staticDirs: string[];
}

export interface RunningWebMode {
  /** Carries the launch token: print it once, never log it. */
  url: string;
  /** A new one-time link (for the terminal: SIGUSR2 in cli.ts). */
  newSignInLink(): { url: string; expiresAt: number };
  port: number;
  host: HostService;
  staticDir: string;
  stop(): Promise<void>;
}

export async function startWebMode(options: WebModeOptions): Promise<RunningWebMode> {
  const staticDir = pickStaticDir(options.staticDirs);
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    options.logger.warn(`The UI is not built (no index.html in ${staticDir}). Run \`npm run build\`; the page will say so until then.`);
  }
  // MCP Apps render from a second loopback origin that serves only the sandbox-proxy page.
  const sandbox = await startSandboxServer();
  const oauthCallback = new OAuthCallbackRoute();
  let server: WebServer | undefined;
  let host: HostService;
  try {
    host = await createHost({
      dataDir: options.dataDir,
      env: options.env,
      mode: 'web',
      logger: options.logger,
      appSandboxUrl: sandbox.url,
      platform: process.platform,
      oauthCallback,
      newSignInLink: () => {
        if (!server) throw new Error('The web server is not listening yet.');
        return server.newSignInLink();
      },
    });
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  let listening: WebServer;
  try {
    listening = server = await startWebServer({ host, staticDir, port: options.port ?? 0, logger: options.logger, oauthCallback, frameOrigin: sandbox.origin });
  } catch (error) {
    await host.dispose();
    await sandbox.close();
    throw error;
  }
  sandbox.setHostPort(listening.port);
  let stopping: Promise<void> | undefined;
  return {
    url: listening.url,
    newSignInLink: () => listening.newSignInLink(),
    port: listening.port,
    host,
    staticDir,
    stop: () =>
      (stopping ??= (async () => {
        await listening.close();
        await sandbox.close();
        await host.dispose();
      })()),
  };
}

export function pickStaticDir(candidates: string[]): string {
  const built = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  return path.resolve(built ?? candidates[0] ?? 'out/renderer');
}
