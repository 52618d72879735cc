// A server's DPoP binding as SignIns makes it: the key in the OAuth secret store, the token endpoint from the
// provider's discovery, and the stored access token when the authorization server bound it.
import type { AuthSecrets } from '../secrets/index.ts';
import type { AuthRecordStore } from './authRecord.ts';
import { DpopBinding } from './dpop.ts';
import type { HostOAuthProvider } from './hostOAuthProvider.ts';

export function dpopBindingFor(secrets: AuthSecrets, store: AuthRecordStore, key: string, provider: () => HostOAuthProvider): DpopBinding {
  return new DpopBinding({
    keys: { read: () => secrets.read(key), write: (value) => secrets.write(key, value) },
    tokenEndpoint: () => provider().discoveryState()?.authorizationServerMetadata?.token_endpoint,
    boundToken: async () => {
      const tokens = (await store.read()).tokens;
      return tokens?.token_type?.toLowerCase() === 'dpop' ? tokens.access_token : undefined;
    },
  });
}
