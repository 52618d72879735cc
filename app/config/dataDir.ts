// Where Switchboard keeps its data: the per-OS default, `--data-dir`, or SWITCHBOARD_DATA_DIR.
import path from 'node:path';

export function defaultDataDir(platform: NodeJS.Platform, env: Record<string, string | undefined>, homedir: string): string {
  switch (platform) {
    case 'darwin':
      return path.posix.join(homedir, 'Library', 'Application Support', 'Switchboard');
    case 'win32':
      return path.win32.join(env.APPDATA || path.win32.join(homedir, 'AppData', 'Roaming'), 'Switchboard');
    default:
      return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(homedir, '.config'), 'Switchboard');
  }
}

/** The `--data-dir` value from argv (`--data-dir <dir>` or `--data-dir=<dir>`), if any. */
export function dataDirFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir' && argv[i + 1]) return argv[i + 1];
    if (arg.startsWith('--data-dir=') && arg.length > '--data-dir='.length) return arg.slice('--data-dir='.length);
  }
  return undefined;
}

export function resolveDataDir(argv: readonly string[], env: Record<string, string | undefined>, platform: NodeJS.Platform, homedir: string): string {
  const chosen = dataDirFromArgv(argv) ?? (env.SWITCHBOARD_DATA_DIR || undefined);
  return chosen ? path.resolve(chosen) : defaultDataDir(platform, env, homedir);
}
