// Where the data dir is on each OS, and how --data-dir / SWITCHBOARD_DATA_DIR override it.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { defaultDataDir, resolveDataDir } from '../../../app/config/dataDir.ts';

describe('data dir', () => {
  it('follows each OS convention', () => {
    expect(defaultDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Switchboard');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe('/xdg/Switchboard');
    expect(defaultDataDir('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/Switchboard');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\Switchboard');
  });

  it('prefers --data-dir, then SWITCHBOARD_DATA_DIR, then the default', () => {
    const env = { SWITCHBOARD_DATA_DIR: '/env/dir' };
    expect(resolveDataDir(['--data-dir', '/flag/dir'], env, 'linux', '/h')).toBe('/flag/dir');
    expect(resolveDataDir(['--data-dir=/eq/dir'], env, 'linux', '/h')).toBe('/eq/dir');
    expect(resolveDataDir([], env, 'linux', '/h')).toBe('/env/dir');
    expect(resolveDataDir([], {}, 'linux', '/h')).toBe('/h/.config/Switchboard');
    expect(resolveDataDir(['--data-dir', 'rel'], {}, 'linux', '/h')).toBe(path.resolve('rel'));
  });
});
