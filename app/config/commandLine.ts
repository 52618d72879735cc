// A stdio server's command line and the values beside it, as a person must see them to approve them: quoted,
// never truncated, hidden and direction-changing characters spelled out. Approval dialogs and secret bindings use it.
import type { ServerTransportDefinition } from './serverDefinition.ts';

type StdioDef = Extract<ServerTransportDefinition, { kind: 'stdio' }>;

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;
// Control characters and invisible or direction-changing characters that could disguise what runs.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/u;

function escapeChar(ch: string): string {
  switch (ch) {
    case '\n':
      return '\\n';
    case '\t':
      return '\\t';
    case '\r':
      return '\\r';
    case '\\':
      return '\\\\';
    case "'":
      return "\\'";
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

/** A value shown for approval (an env value, a folder): as typed, unless it hides characters; then spelled out with $'…'. */
export function visibleText(text: string): string {
  return HIDDEN.test(text) ? `$'${Array.from(text, escapeChar).join('')}'` : text;
}

/** The full command line, never truncated: the command and every argument, each quoted. Env and cwd are shown beside it. */
export function formatCommandLine(def: StdioDef): string {
  return [shellQuote(def.command), ...def.args.map(shellQuote)].join(' ');
}
