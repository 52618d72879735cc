// The shortcut table: what each key press means with the platform's modifier, and how it reads.
import { describe, expect, it } from 'vitest';
import { isMac, keyLabel, matchShortcut, SHORTCUTS } from '../../../renderer/shell/shortcuts.ts';

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('keyboard shortcuts', () => {
  it('uses Ctrl on Linux and Windows, ⌘ on macOS, never the other one', () => {
    expect(matchShortcut(press('k', { ctrl: true }), false)).toBe('search');
    expect(matchShortcut(press('k', { meta: true }), false)).toBeUndefined();
    expect(matchShortcut(press('k', { meta: true }), true)).toBe('search');
    expect(matchShortcut(press('k', { ctrl: true }), true)).toBeUndefined();
  });

  it('tells Ctrl+Shift+O (new conversation) from Ctrl+O, and ignores Alt combinations', () => {
    expect(matchShortcut(press('O', { ctrl: true, shift: true }), false)).toBe('new-conversation');
    expect(matchShortcut(press('o', { ctrl: true }), false)).toBeUndefined();
    expect(matchShortcut(press('k', { ctrl: true, alt: true }), false)).toBeUndefined();
  });

  it('opens the list with Ctrl+/ or a bare ?, and stops with Esc or Ctrl+.', () => {
    expect(matchShortcut(press('/', { ctrl: true }), false)).toBe('shortcuts');
    expect(matchShortcut(press('?', { shift: true }), false)).toBe('shortcuts');
    expect(matchShortcut(press('Escape'), false)).toBe('stop');
    expect(matchShortcut(press('.', { ctrl: true }), false)).toBe('stop');
    expect(matchShortcut(press('a'), false)).toBeUndefined();
  });

  it('reads as the platform writes it, and every shortcut has keys and words', () => {
    expect(keyLabel({ mod: true, shift: true, key: 'o' }, true)).toEqual(['⌘', '⇧', 'O']);
    expect(keyLabel({ mod: true, shift: true, key: 'o' }, false)).toEqual(['Ctrl', 'Shift', 'O']);
    expect(keyLabel({ mod: false, key: 'Escape' }, false)).toEqual(['Esc']);
    expect(isMac('MacIntel')).toBe(true);
    expect(isMac('Linux x86_64')).toBe(false);
    for (const s of SHORTCUTS) expect(s.keys.length > 0 && s.label.length > 0).toBe(true);
  });
});
