// The `oauth` block of a remote entry: normalized into the definition, unknown fields kept, mistakes named by path.
import { describe, expect, it } from 'vitest';
import { loadConfigValue, parseEntry } from '../../../app/config/configLoader.ts';
import { connectionHash } from '../../../app/config/serverDefinition.ts';

describe('the oauth block', () => {
  it('reads a pre-registered client and defaults the grant to authorization_code', () => {
    const { definition, issues } = parseEntry(
      'corp',
      {
        url: 'https://mcp.example.com/mcp',
        oauth: { clientId: 'sb', clientSecretRef: 'corp', scopes: ['a', 'b'], tokenEndpointAuthMethod: 'client_secret_post', extra: true },
      },
      'mcpServers.corp',
    );
    expect(issues).toEqual([]);
    expect(definition?.transport).toMatchObject({
      oauth: { grant: 'authorization_code', clientId: 'sb', clientSecretRef: 'corp', scopes: ['a', 'b'], tokenEndpointAuthMethod: 'client_secret_post' },
    });
  });

  it('keeps unknown fields in the raw config', () => {
    const loaded = loadConfigValue({ mcpServers: { corp: { url: 'https://mcp.example.com/mcp', oauth: { clientId: 'sb', futureField: 1 } } } });
    expect((loaded.raw.mcpServers!.corp as { oauth: { futureField: number } }).oauth.futureField).toBe(1);
  });

  it.each([
    [{ grant: 'password' }, 'mcpServers.corp.oauth.grant', /authorization_code/],
    [{ tokenEndpointAuthMethod: 'tls_client_auth' }, 'mcpServers.corp.oauth.tokenEndpointAuthMethod', /client_secret_basic/],
    [{ clientMetadataUrl: 'http://example.com/client.json' }, 'mcpServers.corp.oauth.clientMetadataUrl', /https URL/],
    [{ scopes: 'read' }, 'mcpServers.corp.oauth.scopes', /list/],
  ])('names the field of a wrong value %j', (oauth, path, said) => {
    const { definition, issues } = parseEntry('corp', { url: 'https://mcp.example.com/mcp', oauth }, 'mcpServers.corp');
    expect(definition).toBeUndefined();
    expect(issues[0]).toMatchObject({ path, message: expect.stringMatching(said) });
  });

  it('restarts the server when its oauth block changes', () => {
    const a = parseEntry('corp', { url: 'https://mcp.example.com/mcp' }, 'x').definition!;
    const b = parseEntry('corp', { url: 'https://mcp.example.com/mcp', oauth: { scopes: ['more'] } }, 'x').definition!;
    expect(connectionHash(a)).not.toBe(connectionHash(b));
  });
});
