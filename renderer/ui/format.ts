// Small formatting helpers for times and durations, in the person's locale.
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m} min ${s} s`;
}

// One formatter, made once: `toLocaleTimeString` with options builds a new Intl.DateTimeFormat on every call,
// which a flooding server's log (hundreds of lines per render) made the main thread's largest cost.
let clockFormat: Intl.DateTimeFormat | undefined;

export function formatClock(at: number): string {
  clockFormat ??= new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return clockFormat.format(at);
}

export function formatRelative(at: number, now = Date.now()): string {
  const diff = now - at;
  if (diff < 60_000) return 'just now';
  if (diff < 3_600_000) return `${Math.floor(diff / 60_000)} min ago`;
  if (diff < 86_400_000) return `${Math.floor(diff / 3_600_000)} h ago`;
  return new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

export function secondsUntil(at: number, now = Date.now()): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** "1 tool", "3 tools", "0 tools": a count with its noun, singular only for one. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? noun : nouns}`;
}

/**
 * Sentences joined for reading: each part (a server's description, a note of ours) ends with a full stop if it
 * has no closing punctuation, and parts are one space apart. Empty parts are left out.
 */
export function sentences(...parts: (string | false | undefined | null)[]): string {
  return parts
    .map((p) => (p || '').trim())
    .filter(Boolean)
    .map((p) => (/[.!?…:;)"'”’]$/u.test(p) ? p : `${p}.`))
    .join(' ');
}
