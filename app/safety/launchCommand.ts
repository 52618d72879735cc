// The command line a stdio server runs, as a person must see it to approve it, and its launch fingerprint.
import { canonicalHash } from './canonicalJson.ts';
import type { ServerConnectionDef } from './serverIdentity.ts';

type StdioDef = Extract<ServerConnectionDef, { kind: 'stdio' }>;

/**
 * Environment variables that change which code a process loads. Their values are shown in the
 * command line (they are paths and flags, not secrets); other env values stay hidden.
 */
export const CODE_LOADING_ENV = new Set([
  'NODE_OPTIONS', 'NODE_PATH', 'NODE_EXTRA_CA_CERTS', 'ELECTRON_RUN_AS_NODE',
  'LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT', 'DYLD_INSERT_LIBRARIES', 'DYLD_LIBRARY_PATH', 'DYLD_FRAMEWORK_PATH',
  'PATH', 'PYTHONPATH', 'PYTHONSTARTUP', 'PYTHONHOME', 'PERL5OPT', 'PERL5LIB', 'RUBYOPT', 'RUBYLIB',
  'BASH_ENV', 'ENV', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'GIT_SSH_COMMAND',
]);

export function isCodeLoadingEnv(key: string): boolean {
  return CODE_LOADING_ENV.has(key) || key.startsWith('DYLD_') || key.startsWith('LD_');
}

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;
// Control characters and invisible or direction-changing characters that could disguise what runs.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/u;

function escapeChar(ch: string): string {
  switch (ch) {
    case '\n': return '\\n';
    case '\t': return '\\t';
    case '\r': return '\\r';
    case '\\': return '\\\\';
    case "'": return "\\'";
  }
  const code = ch.codePointAt(0) ?? 0;
  if (!HIDDEN.test(ch)) return ch;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** POSIX shell quoting for display; hidden characters are spelled out with $'…' so nothing is disguised. */
export function shellQuote(arg: string): string {
  if (arg === '') return "''";
  if (PLAIN.test(arg)) return arg;
  if (HIDDEN.test(arg)) return `$'${Array.from(arg, escapeChar).join('')}'`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The full command line, never truncated: code-loading env assignments first (with values),
 * then the command and every argument, each quoted. Other env vars are listed by name elsewhere.
 */
export function formatCommandLine(def: StdioDef): string {
  const assignments = Object.keys(def.env)
    .filter(isCodeLoadingEnv)
    .sort()
    .map((key) => `${shellQuote(key)}=${shellQuote(def.env[key] ?? '')}`);
  return [...assignments, shellQuote(def.command), ...def.args.map(shellQuote)].join(' ');
}

/** Hash of everything that decides what runs: command, args, env keys and values, cwd. */
export function launchFingerprint(def: StdioDef): string {
  return canonicalHash({ command: def.command, args: def.args, env: def.env, cwd: def.cwd ?? null });
}
