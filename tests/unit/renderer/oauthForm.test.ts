// The sign-in part of the server form: built from the entry, checked in words before anything is sent,
// sent with the typed secret once (or "keep" for the stored one), and host issues placed at their field.
import { describe, expect, it } from 'vitest';
import { emptyOAuth, oauthFromView, oauthToParam, validateOAuth, type OAuthFormState } from '../../../renderer/features/settings/oauthForm.ts';
import { emptyForm, formToParams, mapIssues, validateForm } from '../../../renderer/features/settings/serverForm.ts';

const form = (patch: Partial<OAuthFormState>) => ({ ...emptyOAuth(), ...patch });
const check = (o: OAuthFormState) => {
  const errors: Record<string, string> = {};
  validateOAuth(o, errors);
  return errors;
};

describe('the sign-in set-up in the server form', () => {
  it('says what is missing or wrong, field by field', () => {
    expect(check(form({ grant: 'client_credentials' }))).toEqual({
      'oauth.clientId': 'Client credentials need the client id the authorization server gave you.',
      'oauth.clientSecret': 'Client credentials need the client secret.',
    });
    expect(check(form({ authMethod: 'private_key_jwt', clientId: 'c', secret: 'hunter2' }))['oauth.clientSecret']).toMatch(/^This is not a PKCS#8 private key/);
    expect(check(form({ authMethod: 'none', clientId: 'c', secret: 'x' }))['oauth.clientSecret']).toMatch(/public client/);
    expect(check(form({ scopes: 'read "all"' }))['oauth.scopes']).toBe(
      '""all"" cannot be a scope: use words without quotes or backslashes, separated by spaces.',
    );
    expect(check(form({ clientMetadataUrl: 'http://example.test/c.json' }))['oauth.clientMetadataUrl']).toMatch(/full https URL/);
    expect(check(form({ grant: 'client_credentials', clientId: 'm2m', secretStored: true }))).toEqual({});
    expect(check(form({ grant: 'enterprise' }))).toEqual({
      'oauth.clientId': "Enterprise sign-in needs the client id this server's authorization server gave you.",
    });
    expect(check(emptyOAuth())).toEqual({});
  });

  it('checks the set-up only for remote servers', () => {
    const bad = { ...emptyForm(), name: 'x', kind: 'remote' as const, url: 'https://example.test/mcp', oauth: form({ grant: 'client_credentials' }) };
    expect(Object.keys(validateForm(bad, []))).toEqual(['oauth.clientId', 'oauth.clientSecret']);
    expect(validateForm({ ...bad, kind: 'stdio', command: 'node' }, [])).toEqual({});
  });

  it('sends nothing for an untouched set-up, null to remove one, and the typed secret or keep', () => {
    const remote = { ...emptyForm(), name: 'x', kind: 'remote' as const, url: 'https://example.test/mcp' };
    expect(formToParams(remote).entry).not.toHaveProperty('oauth');
    expect(oauthToParam({ ...emptyOAuth(), hadBlock: true })).toBeNull();
    const stored = oauthFromView({ grant: 'client_credentials', clientId: 'm2m', clientSecretRef: 'batch', scopes: ['a', 'b'], dpop: true });
    expect(stored).toMatchObject({ scopes: 'a b', secretStored: true, dpop: true });
    expect(oauthToParam(stored)).toEqual({ grant: 'client_credentials', clientId: 'm2m', scopes: ['a', 'b'], dpop: true, clientSecret: { keep: true } });
    expect(oauthToParam({ ...stored, secret: ' new ', scopes: 'a, c' })).toMatchObject({ clientSecret: 'new', scopes: ['a', 'c'] });
  });

  it("places the host's issues at the sign-in field they name", () => {
    const f = { ...emptyForm(), kind: 'remote' as const };
    expect(
      mapIssues(f, [
        { path: 'entry.oauth.clientSecret', message: 'key' },
        { path: 'entry.oauth.scopes[0]', message: 'scope' },
        { path: 'entry.oauth.tokenEndpointAuthMethod', message: 'method' },
      ]),
    ).toEqual({ 'oauth.clientSecret': 'key', 'oauth.scopes': 'scope', 'oauth.authMethod': 'method' });
  });
});
