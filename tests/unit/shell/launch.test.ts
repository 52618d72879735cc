// Launch plumbing that runs without Electron: flags, merging the login shell's PATH, and the CSP.
// Reading PATH from a real login shell starts a process: loginShell.test.ts.
import { describe, expect, it } from 'vitest';
import { mergePath } from '../../../main/electron/loginShellEnv.ts';
import { buildCsp } from '../../../main/shared/csp.ts';
import { LaunchArgsError, parseLaunchArgs } from '../../../main/shared/launchArgs.ts';

describe('parseLaunchArgs', () => {
  it('reads --web, --port and --data-dir in both spellings and ignores Chromium switches', () => {
    expect(parseLaunchArgs(['--web', '--port', '0', '--data-dir=/tmp/x', '--enable-logging'])).toEqual({ web: true, port: 0, dataDir: '/tmp/x' });
  });
  it('explains a bad port', () => {
    expect(() => parseLaunchArgs(['--port', 'abc'])).toThrow(LaunchArgsError);
    expect(() => parseLaunchArgs(['--port'])).toThrow(/needs a value/);
  });
});

describe('login shell PATH', () => {
  it('merges login entries first without duplicates', () => {
    expect(mergePath('/opt/homebrew/bin:/usr/bin', '/usr/bin:/bin::', ':')).toBe('/opt/homebrew/bin:/usr/bin:/bin');
  });
});

describe('buildCsp', () => {
  it('forbids inline scripts, remote loads, plugins and framing', () => {
    const csp = buildCsp({ connect: ['ws://127.0.0.1:1234'] });
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:1234");
    expect(csp).not.toMatch(/https?:/);
  });
});
