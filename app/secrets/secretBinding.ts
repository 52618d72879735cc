// What a stored secret is bound to: the command line it was entered for (stdio: the command and its
// arguments, since for launchers like npx the package is an argument) or the origin of its URL
// (remote). A secret is only ever sent to the same binding: never to a new command or a new origin.
import { formatCommandLine } from '../config/commandLine.ts';

export type BindableTransport = { kind: 'stdio'; command: string; args: string[] } | { kind: 'http' | 'sse' | 'auto'; url: string };

export function secretBinding(t: BindableTransport): string {
  if (t.kind === 'stdio') return `the command ${formatCommandLine({ kind: 'stdio', command: t.command, args: t.args, env: {} })}`;
  try {
    return new URL(t.url).origin;
  } catch {
    return t.url;
  }
}
