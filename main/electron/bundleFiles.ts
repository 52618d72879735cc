// .mcpb files opened from the OS (the file association in electron-builder.yml): `open-file` on macOS,
// argv on Windows/Linux (first launch, or handed over by the single-instance lock). Each file's bytes go
// to the core's `bundles.open`, which shows the review in the window; nothing is installed here.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { App } from 'electron';

export function bundlePathsFromArgv(argv: readonly string[]): string[] {
  return argv.filter((a) => a.toLowerCase().endsWith('.mcpb') && !a.startsWith('-'));
}

/** Forwards opened bundle files to `deliver` once `ready()` is called; files opened earlier wait in order. */
export function registerBundleFiles(
  app: Pick<App, 'on'>,
  deliver: (fileName: string, dataBase64: string) => void,
  onError: (message: string) => void,
): { ready(): void } {
  const queued: string[] = [];
  let isReady = false;
  const send = (file: string) => {
    readFile(file).then(
      (bytes) => deliver(path.basename(file), bytes.toString('base64')),
      (error: unknown) => onError(`${file} could not be read: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  const take = (file: string) => (isReady ? send(file) : queued.push(file));
  app.on('open-file', (event, file) => {
    event.preventDefault();
    take(file);
  });
  app.on('second-instance', (_event, argv) => bundlePathsFromArgv(argv).forEach(take));
  bundlePathsFromArgv(process.argv.slice(1)).forEach(take);
  return {
    ready() {
      isReady = true;
      for (const file of queued.splice(0)) send(file);
    },
  };
}
