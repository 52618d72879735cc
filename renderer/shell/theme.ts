// Light or dark: the person's choice from Settings, or the OS's while the choice is "system".
// Sets <html data-theme>, which the stylesheet's tokens follow; returns the stop of the OS listener.
import type { ThemeChoice } from '../../app/api/index.ts';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function applyTheme(choice: ThemeChoice): () => void {
  const media = window.matchMedia(DARK_QUERY);
  const set = () => {
    document.documentElement.dataset.theme = choice === 'system' ? (media.matches ? 'dark' : 'light') : choice;
  };
  set();
  if (choice !== 'system') return () => undefined;
  media.addEventListener('change', set);
  return () => media.removeEventListener('change', set);
}
