// Web mode's install route: /install?link=<install link> opens the app on the link's review.

/** The link the page was opened with, or null; the address bar goes back to `/` so a reload does not ask again. */
export function takeInstallRoute(loc: Pick<Location, 'pathname' | 'search'>, replace: (url: string) => void): string | null {
  if (loc.pathname !== '/install') return null;
  const link = new URLSearchParams(loc.search).get('link');
  replace('/');
  return link && link.trim() ? link : null;
}
