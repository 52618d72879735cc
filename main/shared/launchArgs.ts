// Command-line flags shared by `npm start`, `npm run web` and the packaged app.

export interface LaunchArgs {
  web: boolean;
  port?: number;
  dataDir?: string;
  staticDir?: string;
}

export class LaunchArgsError extends Error {}

export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const out: LaunchArgs = { web: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new LaunchArgsError(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--web':
        out.web = true;
        break;
      case '--port': {
        const raw = value();
        const port = Number(raw);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new LaunchArgsError(`--port must be a whole number from 0 to 65535 (0 picks a free port), not "${raw}".`);
        }
        out.port = port;
        break;
      }
      case '--data-dir':
        out.dataDir = value();
        break;
      case '--static-dir':
        out.staticDir = value();
        break;
      default:
        // Electron and Chromium add their own switches; unknown flags are theirs, not errors.
        break;
    }
  }
  return out;
}
