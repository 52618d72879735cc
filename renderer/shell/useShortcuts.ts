// Listens for the app's keyboard shortcuts (shortcuts.ts) anywhere in the window and runs them.
import { useEffect } from 'react';
import { assertNever } from '../../app/api/errors.ts';
import type { AppStore } from '../store/createAppStore.ts';
import { matchShortcut, platformIsMac } from './shortcuts.ts';
import { NARROW_QUERY } from './useNarrow.ts';

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
}

export function useShortcuts(store: AppStore): void {
  useEffect(() => {
    const mac = platformIsMac();
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const id = matchShortcut(e, mac);
      if (!id) return;
      // A dialog owns the keyboard while it is open (it handles its own Esc).
      if (document.querySelector('[aria-modal="true"]') && id !== 'shortcuts') return;
      if (id === 'shortcuts' && e.key === '?' && typingIn(e.target)) return;
      const { actions, chat, ui, settings } = store.getState();
      switch (id) {
        case 'new-conversation':
          void actions.newConversation().then(() => actions.navigate('chat', 'composer'));
          break;
        case 'search':
          // The search box lives in the sidebar: bring it back if the person hid it.
          if (!window.matchMedia(NARROW_QUERY).matches && settings.view?.sidebarCollapsed) actions.toggleSidebar(false);
          actions.navigate('chat', 'search');
          break;
        case 'focus-composer':
          actions.navigate('chat', 'composer');
          break;
        case 'settings':
          actions.navigate('settings');
          break;
        case 'stop': {
          // Esc stops only an answer in flight on the chat page, and only when nothing else wanted it.
          const running = chat.activeId ? (chat.turns[chat.activeId]?.running ?? false) : false;
          if (!running || ui.route !== 'chat') return;
          void actions.cancel();
          break;
        }
        case 'shortcuts':
          actions.showShortcuts(!ui.shortcutsOpen);
          break;
        default:
          assertNever(id);
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
