import { describe, expect, it } from 'vitest';
import { splitCommandLine, suggestName, suggestSplit } from '../../../renderer/features/settings/commandLine.ts';

describe('server form suggestions', () => {
  it('splits a command line on whitespace and keeps quoted parts together', () => {
    expect(splitCommandLine('npx -y @scope/pkg')).toEqual(['npx', '-y', '@scope/pkg']);
    expect(splitCommandLine(`node  "/my dir/server.js" --name 'a b' ""`)).toEqual(['node', '/my dir/server.js', '--name', 'a b', '']);
  });

  it('honours backslash escapes, keeps $VARS as written, and refuses shell operators', () => {
    expect(splitCommandLine('node /my\\ dir/server.js')).toEqual(['node', '/my dir/server.js']);
    expect(splitCommandLine('uvx server --root $HOME/work')).toEqual(['uvx', 'server', '--root', '$HOME/work']);
    expect(splitCommandLine('npx server /data/*.db')).toEqual(['npx', 'server', '/data/*.db']);
    expect(splitCommandLine('npx server | tee log')).toBeNull();
    expect(suggestSplit('npx server && rm -rf /')).toBeNull();
  });

  it('offers a split only when the command has arguments in it', () => {
    expect(suggestSplit('node --version')).toEqual({ command: 'node', args: ['--version'] });
    expect(suggestSplit('  node ')).toBeNull();
    expect(suggestSplit('')).toBeNull();
  });

  it('offers a dashed name for names with spaces, tabs or control characters', () => {
    expect(suggestName('my server')).toBe('my-server');
    expect(suggestName('a\t\tb\u0001c')).toBe('a-b-c');
    expect(suggestName('fine-name')).toBeNull();
    expect(suggestName(' padded ')).toBeNull();
  });
});
