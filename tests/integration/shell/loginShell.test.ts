// The login shell's PATH, read by starting a real shell (/bin/sh): a desktop app started from the dock
// gets a bare PATH, and servers need the person's.
import { describe, expect, it } from 'vitest';
import { loginShellEnv, readLoginShellPath } from '../../../main/electron/loginShellEnv.ts';

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
});
