// Gentle fixes the server form offers: a command typed with its arguments, and a name with spaces or tabs.

/** Splits a command line on whitespace; single or double quotes keep a part together. */
export function splitCommandLine(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let started = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) parts.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) parts.push(current);
  return parts;
}

/** The command and arguments to offer when the Command field holds a whole command line, else null. */
export function suggestSplit(command: string): { command: string; args: string[] } | null {
  const parts = splitCommandLine(command.trim());
  if (parts.length < 2) return null;
  return { command: parts[0]!, args: parts.slice(1) };
}

const AWKWARD = /[\s\u0000-\u001f\u007f]/;
const AWKWARD_RUNS = /[\s\u0000-\u001f\u007f]+/g;

/** The name with whitespace or control characters inside it replaced by '-', or null when it has none. */
export function suggestName(name: string): string | null {
  const trimmed = name.trim();
  return AWKWARD.test(trimmed) ? trimmed.replace(AWKWARD_RUNS, '-') : null;
}
