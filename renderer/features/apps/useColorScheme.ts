// The person's light/dark preference, live: Switchboard follows the system theme, and so do its apps.
import { useEffect, useState } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

export function useColorScheme(): 'light' | 'dark' {
  const [dark, setDark] = useState(() => typeof matchMedia === 'function' && matchMedia(QUERY).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const media = matchMedia(QUERY);
    const onChange = () => setDark(media.matches);
    media.addEventListener('change', onChange);
    onChange();
    return () => media.removeEventListener('change', onChange);
  }, []);
  return dark ? 'dark' : 'light';
}
