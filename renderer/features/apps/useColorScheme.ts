// Light or dark as the host shows it: <html data-theme>, which follows the person's choice in Settings (or the
// OS's while that choice is "system", renderer/shell/theme.ts). Apps get the same theme the page around them has.
import { useEffect, useState } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

function current(): 'light' | 'dark' {
  const set = document.documentElement.dataset.theme;
  if (set === 'light' || set === 'dark') return set;
  return typeof matchMedia === 'function' && matchMedia(QUERY).matches ? 'dark' : 'light';
}

export function useColorScheme(): 'light' | 'dark' {
  const [scheme, setScheme] = useState(current);
  useEffect(() => {
    const observer = new MutationObserver(() => setScheme(current()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    setScheme(current());
    return () => observer.disconnect();
  }, []);
  return scheme;
}
