import { describe, expect, it } from 'vitest';
import { normalizeServerUrl, serverIdentity } from '../../../app/safety/serverIdentity.ts';

const stdio = { kind: 'stdio' as const, command: 'npx', args: ['-y', '@acme/server'], env: { TOKEN: 'secret-token-1' } };

describe('serverIdentity', () => {
  it('is the command and args of a stdio server, not its env', () => {
    expect(serverIdentity(stdio)).toBe(serverIdentity({ ...stdio, env: { TOKEN: 'rotated-token-2' } }));
    expect(serverIdentity(stdio)).not.toBe(serverIdentity({ ...stdio, args: ['-y', '@evil/server'] }));
    expect(serverIdentity(stdio)).not.toBe(serverIdentity({ ...stdio, cwd: '/tmp' }));
    expect(serverIdentity(stdio)).toMatch(/^stdio:[0-9a-f]{32}$/);
  });

  it('never contains the args themselves (they may hold tokens)', () => {
    expect(serverIdentity({ ...stdio, args: ['--token', 'ghp_abcdef123456'] })).not.toContain('ghp_');
  });

  it('is the normalized URL of a remote server, whatever its transport flavour or headers', () => {
    const a = serverIdentity({ kind: 'http', url: 'HTTPS://Example.COM:443/mcp#x', headers: {} });
    const b = serverIdentity({ kind: 'sse', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer abc' } });
    expect(a).toBe(b);
    expect(a).not.toBe(serverIdentity({ kind: 'http', url: 'https://example.com/other', headers: {} }));
  });

  it('drops credentials and fragments from URLs', () => {
    expect(normalizeServerUrl('https://user:pass@Example.com/a/../mcp?x=1#frag')).toBe('https://example.com/mcp?x=1');
  });
});
