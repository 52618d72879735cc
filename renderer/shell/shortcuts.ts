// The keyboard shortcuts, once: what each does, its keys, and how they read on this platform.
// "Mod" is ⌘ on macOS and Ctrl elsewhere.

export type ShortcutId = 'new-conversation' | 'search' | 'settings' | 'stop' | 'focus-composer' | 'shortcuts';

export interface Shortcut {
  id: ShortcutId;
  label: string;
  /** `key` is KeyboardEvent.key, lower-cased for letters. */
  keys: { mod: boolean; shift?: boolean; key: string }[];
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'new-conversation', label: 'New conversation', keys: [{ mod: true, shift: true, key: 'o' }] },
  { id: 'search', label: 'Search conversations', keys: [{ mod: true, key: 'k' }] },
  { id: 'focus-composer', label: 'Write a message', keys: [{ mod: true, key: 'l' }] },
  {
    id: 'stop',
    label: 'Stop the answer',
    keys: [
      { mod: false, key: 'Escape' },
      { mod: true, key: '.' },
    ],
  },
  { id: 'settings', label: 'Open Settings', keys: [{ mod: true, key: ',' }] },
  {
    id: 'shortcuts',
    label: 'Show keyboard shortcuts',
    keys: [
      { mod: true, key: '/' },
      { mod: false, key: '?' },
    ],
  },
];

export function isMac(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/** The shortcut a key press means, if any. `?` counts only outside text fields (see useShortcuts). */
export function matchShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, mac: boolean): ShortcutId | undefined {
  if (e.altKey) return undefined;
  const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  for (const s of SHORTCUTS) {
    for (const k of s.keys) {
      if (k.mod !== mod || key !== k.key) continue;
      // Shift is part of `?` itself; elsewhere it must match exactly.
      if (k.key !== '?' && Boolean(k.shift) !== e.shiftKey) continue;
      return s.id;
    }
  }
  return undefined;
}

/** How keys read to a person: "⌘ ⇧ O" on macOS, "Ctrl Shift O" elsewhere. */
export function keyLabel(k: Shortcut['keys'][number], mac: boolean): string[] {
  const parts: string[] = [];
  if (k.mod) parts.push(mac ? '⌘' : 'Ctrl');
  if (k.shift) parts.push(mac ? '⇧' : 'Shift');
  parts.push(k.key === 'Escape' ? 'Esc' : k.key.length === 1 ? k.key.toUpperCase() : k.key);
  return parts;
}

export function platformIsMac(): boolean {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  return isMac(nav.userAgentData?.platform ?? navigator.platform ?? '');
}
