// Launch plumbing that runs without Electron: flags, the login shell's PATH, and the CSP.
import { describe, expect, it } from 'vitest';
import { loginShellEnv, mergePath, readLoginShellPath } from '../../main/electron/loginShellEnv.ts';
import { buildCsp } from '../../main/shared/csp.ts';
import { LaunchArgsError, parseLaunchArgs } from '../../main/shared/launchArgs.ts';

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
  it('reads PATH from a real login shell, ignoring what the profile prints', async () => {
    const found = await readLoginShellPath({ shell: '/bin/sh', platform: 'linux', env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent' } });
    expect(found).toContain('/usr/bin');
  });
  it('keeps the current PATH when the shell cannot run', async () => {
    const env = await loginShellEnv({ SHELL: '/nonexistent/shell', PATH: '/only/this' }, 'linux', 2000);
    expect(env.PATH).toBe('/only/this');
    expect(await readLoginShellPath({ shell: 'relative-sh', platform: 'linux', env: {} })).toBeUndefined();
    expect(await readLoginShellPath({ shell: '/bin/sh', platform: 'win32', env: {} })).toBeUndefined();
  });
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
    expect(csp).toContain('connect-src \'self\' ws://127.0.0.1:1234');
    expect(csp).not.toMatch(/https?:/);
  });
});
