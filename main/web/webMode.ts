// Web mode as one call: create the core for a data dir, serve it, and return the stop.
// The CLI entry (cli.ts) and tests use this; Electron-less launches of `npm start` land here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { HostService } from '../../app/api/contract.ts';
import { createHost } from '../../app/host/createHost.ts';
import type { Logger } from '../../app/base/logger.ts';
import { startWebServer } from './webServer.ts';

export interface WebModeOptions {
  dataDir: string;
  env: Record<string, string | undefined>;
  logger: Logger;
  port?: number;
  /** Candidate folders holding the built renderer; the first with an index.html wins. */
  staticDirs: string[];
}

export interface RunningWebMode {
  url: string;
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
  const host = await createHost({ dataDir: options.dataDir, env: options.env, mode: 'web', logger: options.logger });
  let server;
  try {
    server = await startWebServer({ host, staticDir, port: options.port ?? 0, logger: options.logger });
  } catch (error) {
    await host.dispose();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    host,
    staticDir,
    stop: () =>
      (stopping ??= (async () => {
        await server.close();
        await host.dispose();
      })()),
  };
}

export function pickStaticDir(candidates: string[]): string {
  const built = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  return path.resolve(built ?? candidates[0] ?? 'out/renderer');
}
