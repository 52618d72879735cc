// The one link opener allows http(s) alone.
import { describe, expect, it } from 'vitest';
import { checkExternalUrl, openExternal } from '../../../main/electron/openExternal.ts';

describe('checkExternalUrl', () => {
  it.each(['https://example.com/docs?q=1#x', 'http://localhost:8080/', 'HTTPS://EXAMPLE.COM'])('allows %s', (url) => {
    expect(checkExternalUrl(url).ok).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'ms-msdt:/id PCWDiagnostic /skip force',
    'data:text/html,<script>alert(1)</script>',
    'vscode://file/tmp',
    'slack://open',
    'smb://attacker/share',
    'chrome://settings',
    'https://user:pass@example.com/',
    '//example.com',
    'example.com',
    '',
  ])('refuses %s', (url) => {
    const check = checkExternalUrl(url);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason.length).toBeGreaterThan(10);
  });

  it('refuses values that are not strings', () => {
    expect(checkExternalUrl(undefined).ok).toBe(false);
    expect(checkExternalUrl({ href: 'https://example.com' }).ok).toBe(false);
  });

  it('hands only the parsed, normalised URL to the system opener', async () => {
    const opened: string[] = [];
    await openExternal('javascript:alert(1)', async (u) => void opened.push(u));
    await openExternal('https://Example.com/a b', async (u) => void opened.push(u));
    expect(opened).toEqual(['https://example.com/a%20b']);
  });
});
