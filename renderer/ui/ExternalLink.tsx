// A link whose click goes through the safe opener. Only http(s) links carry an href at all.
import type { ReactNode } from 'react';
import { checkLink, requestOpenLink } from './linkOpener.ts';

export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const check = checkLink(href);
  return (
    <a
      href={check.ok ? check.url : undefined}
      role={check.ok ? undefined : 'link'}
      tabIndex={0}
      className="ext-link"
      title={href}
      rel="noopener noreferrer"
      onClick={(e) => {
        e.preventDefault();
        requestOpenLink(href);
      }}
      onKeyDown={(e) => {
        if (!check.ok && e.key === 'Enter') requestOpenLink(href);
      }}
    >
      {children}
    </a>
  );
}
