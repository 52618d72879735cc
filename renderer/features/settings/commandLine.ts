// Gentle fixes the server form offers: a command typed with its arguments, and a name with spaces or tabs.

import { parse } from 'shell-quote';

/**
 * Splits a command line as a POSIX shell would (quotes, backslash escapes; `$VAR` is kept as written,
 * since servers are not started through a shell). Null when it uses shell operators (|, &&, ;, #…),
 * which mean something other than a command and its arguments.
 */
export function splitCommandLine(text: string): string[] | null {
  const parts: string[] = [];
  for (const entry of parse(text, (name) => `$${name}`)) {
    if (typeof entry === 'string') parts.push(entry);
    else if ('op' in entry && entry.op === 'glob') parts.push(entry.pattern);
    else return null;
  }
  return parts;
}

/** The command and arguments to offer when the Command field holds a whole command line, else null. */
export function suggestSplit(command: string): { command: string; args: string[] } | null {
  const parts = splitCommandLine(command.trim());
  if (!parts || parts.length < 2) return null;
  return { command: parts[0]!, args: parts.slice(1) };
}

const AWKWARD = /[\s\u0000-\u001f\u007f]/;
const AWKWARD_RUNS = /[\s\u0000-\u001f\u007f]+/g;

/** The name with whitespace or control characters inside it replaced by '-', or null when it has none. */
export function suggestName(name: string): string | null {
  const trimmed = name.trim();
  return AWKWARD.test(trimmed) ? trimmed.replace(AWKWARD_RUNS, '-') : null;
}
