// Finds a stdio server's command on the PATH we will spawn it with, so a missing command gets a clear message.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

export type ResolvedCommand = { ok: true; path: string } | { ok: false; message: string };

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isExecutable(p: string, platform: NodeJS.Platform): boolean {
  if (platform === 'win32') return true;
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Resolves `command` against `env.PATH` (and PATHEXT on Windows); relative paths against `cwd`. */
export function resolveCommand(command: string, env: Record<string, string | undefined>, platform: NodeJS.Platform, cwd?: string): ResolvedCommand {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const pathKey = Object.keys(env).find((k) => (platform === 'win32' ? k.toUpperCase() === 'PATH' : k === 'PATH'));
  const searchPath = (pathKey ? env[pathKey] : undefined) ?? '';
  const exts = platform === 'win32' ? ['', ...(env.PATHEXT ?? env.Pathext ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)] : [''];
  const notExecutable = (file: string) => `\`${command}\` (${file}) is not executable. Make it executable (chmod +x ${file}) or give the right path.`;

  const hasDir = command.includes('/') || (platform === 'win32' && command.includes('\\'));
  if (hasDir) {
    const full = p.isAbsolute(command) ? command : p.resolve(cwd ?? '', command);
    for (const ext of exts) {
      const candidate = full + ext;
      if (isFile(candidate)) return isExecutable(candidate, platform) ? { ok: true, path: candidate } : { ok: false, message: notExecutable(candidate) };
    }
    return { ok: false, message: `\`${command}\` was not found (${full} does not exist). Check the path.` };
  }
  let nonExecutable: string | undefined;
  for (const dir of searchPath.split(platform === 'win32' ? ';' : ':').filter(Boolean)) {
    for (const ext of exts) {
      const candidate = p.join(dir, command + ext);
      if (!isFile(candidate)) continue;
      if (isExecutable(candidate, platform)) return { ok: true, path: candidate };
      nonExecutable ??= candidate;
    }
  }
  if (nonExecutable) return { ok: false, message: notExecutable(nonExecutable) };
  return {
    ok: false,
    message: `\`${command}\` was not found on PATH (${describePath(searchPath, platform)}). Install it or give the full path.`,
  };
}

/** The PATH as a person can read it: duplicates removed, and a long one cut to its ends with a count. */
export function describePath(searchPath: string, platform: NodeJS.Platform): string {
  const sep = platform === 'win32' ? ';' : ':';
  const dirs = [...new Set(searchPath.split(sep).filter(Boolean))];
  if (dirs.length === 0) return 'empty';
  const whole = dirs.join(sep);
  if (whole.length <= 160 || dirs.length <= 4) return whole;
  return `${dirs.slice(0, 2).join(sep)}${sep} … ${dirs.length - 4} more … ${sep}${dirs.slice(-2).join(sep)}`;
}
