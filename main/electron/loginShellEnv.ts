// GUI launches on macOS and Linux inherit a bare PATH; read the login shell's PATH so `npx`
// and `uvx` resolve as they do in a terminal. Bounded by a timeout; on any failure the
// current PATH stands.
import { execFile } from 'node:child_process';
import path from 'node:path';

const MARK = '__SWITCHBOARD_PATH__';

export interface LoginShellOptions {
  shell: string | undefined;
  platform: NodeJS.Platform;
  /** The environment the shell starts with (the app's own). */
  env: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** The login shell's PATH, or undefined when it cannot be read in time (or on Windows). */
export function readLoginShellPath(options: LoginShellOptions): Promise<string | undefined> {
  if (options.platform === 'win32' || !options.shell || !path.isAbsolute(options.shell)) return Promise.resolve(undefined);
  const script = `printf '%s%s%s' '${MARK}' "$PATH" '${MARK}'`;
  return new Promise((resolve) => {
    execFile(
      options.shell!,
      ['-ilc', script],
      { timeout: options.timeoutMs ?? 5000, encoding: 'utf8', maxBuffer: 1024 * 1024, env: { ...options.env, DISABLE_AUTO_UPDATE: 'true' }, windowsHide: true },
      (error, stdout) => {
        if (error && !stdout) return resolve(undefined);
        const match = new RegExp(`${MARK}(.*?)${MARK}`, 's').exec(stdout);
        resolve(match?.[1] ? match[1] : undefined);
      },
    );
  });
}

/** Login-shell entries first, then anything only the current PATH has; no duplicates, no empties. */
export function mergePath(loginPath: string | undefined, currentPath: string | undefined, delimiter = path.delimiter): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const entry of [...(loginPath ?? '').split(delimiter), ...(currentPath ?? '').split(delimiter)]) {
    if (entry && !seen.has(entry)) {
      seen.add(entry);
      out.push(entry);
    }
  }
  return out.join(delimiter);
}

/** The environment to hand the core: the process env with the login shell's PATH merged in. */
export async function loginShellEnv(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  timeoutMs?: number,
): Promise<Record<string, string | undefined>> {
  const loginPath = await readLoginShellPath({ shell: env.SHELL, platform, env, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
  if (!loginPath) return { ...env };
  return { ...env, PATH: mergePath(loginPath, env.PATH) };
}
