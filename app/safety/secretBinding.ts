// What a stored secret is bound to: the command it was entered for (stdio) or the origin of its URL
// (remote). A secret is only ever sent to the same binding: never to a new command or a new origin.

export type BindableTransport = { kind: 'stdio'; command: string } | { kind: 'http' | 'sse' | 'auto'; url: string };

export function secretBinding(t: BindableTransport): string {
  if (t.kind === 'stdio') return `the command "${t.command}"`;
  try {
    return new URL(t.url).origin;
  } catch {
    return t.url;
  }
}
