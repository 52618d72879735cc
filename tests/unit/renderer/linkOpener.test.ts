import { describe, expect, it } from 'vitest';
import { checkLink, linkRequests, requestOpenLink } from '../../../renderer/ui/linkOpener.ts';

describe('the safe link opener', () => {
  it('allows http and https links and shows them in full', () => {
    expect(checkLink('https://example.com/a?b=1#c')).toEqual({ ok: true, url: 'https://example.com/a?b=1#c' });
    expect(checkLink('http://127.0.0.1:8080/')).toMatchObject({ ok: true });
  });

  it('refuses javascript:, file:, data: and custom schemes with a reason', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'file:///etc/passwd',
      'ms-msdt:/id PCWDiagnostic',
      'data:text/html,<script>1</script>',
      'vscode://x',
    ]) {
      const check = checkLink(url);
      expect(check.ok).toBe(false);
      expect(!check.ok && check.reason).toMatch(/never opened/);
    }
  });

  it('refuses text that is not a full URL', () => {
    expect(checkLink('example.com').ok).toBe(false);
    expect(checkLink('/relative/path').ok).toBe(false);
  });

  it('asks before opening: a request only records what to show', () => {
    requestOpenLink('file:///etc/passwd');
    expect(linkRequests.getState().pending).toMatchObject({ ok: false, url: 'file:///etc/passwd' });
  });
});
