// `npm run web`: Switchboard in the browser. Prints the URL (with its one-time token) once, and a
// new one-time link on SIGUSR2,
// and on SIGINT/SIGTERM stops the server and the core, which kills every MCP server's process tree.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../../app/config/dataDir.ts';
import { createConsoleLogger } from '../shared/consoleLogger.ts';
import { LaunchArgsError, parseLaunchArgs } from '../shared/launchArgs.ts';
import { startWebMode } from './webMode.ts';

async function main(): Promise<void> {
  const logger = createConsoleLogger(process.env.SWITCHBOARD_LOG_LEVEL === 'debug' ? 'debug' : 'info');
  let args;
  try {
    args = parseLaunchArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof LaunchArgsError) {
      process.stderr.write(`switchboard: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dataDir = resolveDataDir(process.argv.slice(2), process.env, process.platform, os.homedir());
  const running = await startWebMode({
    dataDir,
    env: process.env,
    logger,
    ...(args.port !== undefined ? { port: args.port } : {}),
    staticDirs: [
      ...(args.staticDir ? [path.resolve(args.staticDir)] : []),
      path.resolve(here, '../renderer'), // out/main/web.mjs → out/renderer
      path.resolve(here, '../../out/renderer'), // main/web/cli.ts (run from source) → out/renderer
    ],
  });
  process.stdout.write(`Switchboard is running at ${running.url}\n`);
  // SIGUSR2, not SIGUSR1: Node reserves SIGUSR1 for starting its inspector. Windows has neither.
  const canSignal = process.platform !== 'win32';
  const more = canSignal ? `, or run \`kill -USR2 ${process.pid}\` for a new link here` : '';
  process.stdout.write(`That link works once. For another tab or browser, use Settings → Web access${more}.\n`);
  logger.info('web mode ready', { port: running.port, dataDir });
  if (canSignal) {
    process.on('SIGUSR2', () => {
      const link = running.newSignInLink();
      process.stdout.write(`One-time link (valid for ${Math.round((link.expiresAt - Date.now()) / 60_000)} minutes): ${link.url}\n`);
    });
  }

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (++signals > 1) process.exit(1);
    logger.info(`${signal}: stopping Switchboard and its MCP servers`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('stopping failed', { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((error: unknown) => {
  process.stderr.write(`switchboard: could not start web mode: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
