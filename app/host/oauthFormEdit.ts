// The server form's sign-in set-up: `servers.upsert` with an `oauth` block. The client secret (or private key)
// typed into the form goes to the OAuth secret store, bound to the origin of the server URL, before the entry is
// written; config.json gets only the block and the name the secret is stored under (`clientSecretRef`).
import { HostError } from '../api/errors.ts';
import type { OAuthInput } from '../api/oauthInput.ts';
import type { OAuthBlock } from '../config/configSchema.ts';
import { signingAlgorithm } from '../auth/signingKey.ts';
import { secretKeys, type AuthSecrets, type Redactor } from '../secrets/index.ts';
import type { Handlers } from './hostService.ts';
import type { ServerConfig } from './serverConfig.ts';

export interface OAuthFormDeps {
  config: Pick<ServerConfig, 'upsert' | 'rawEntry'>;
  secrets: AuthSecrets;
  redactor: Pick<Redactor, 'setOAuth'>;
}

const issue = (message: string) => new HostError('invalid-params', message, [{ path: 'entry.oauth.clientSecret', message }]);

function originOf(url: string): string {
  return new URL(url).origin;
}

/** The ref the entry had (kept across edits, so a stored secret keeps its name), else the server's name. */
function refFor(deps: OAuthFormDeps, previousName: string | undefined, name: string): string {
  const written = previousName ? (deps.config.rawEntry(previousName)?.oauth as { clientSecretRef?: unknown } | undefined) : undefined;
  return typeof written?.clientSecretRef === 'string' && written.clientSecretRef ? written.clientSecretRef : name;
}

/** What config.json gets for the form's set-up: the block, never the secret. */
function blockOf(o: OAuthInput, ref: string | undefined): OAuthBlock {
  return {
    grant: o.grant,
    ...(o.clientId ? { clientId: o.clientId } : {}),
    ...(ref ? { clientSecretRef: ref } : {}),
    ...(o.scopes?.length ? { scopes: o.scopes } : {}),
    ...(o.tokenEndpointAuthMethod ? { tokenEndpointAuthMethod: o.tokenEndpointAuthMethod } : {}),
    ...(o.clientMetadataUrl ? { clientMetadataUrl: o.clientMetadataUrl } : {}),
    ...(o.dpop ? { dpop: true } : {}),
  };
}

export function oauthFormHandlers(deps: OAuthFormDeps): Pick<Handlers, 'servers.upsert'> {
  return {
    'servers.upsert': async (p) => {
      if (p.entry.transport === 'stdio' || p.entry.oauth === undefined) return deps.config.upsert(p);
      const { oauth, ...entry } = p.entry;
      if (oauth === null) return deps.config.upsert({ ...p, entry, oauthBlock: null });
      const typed = typeof oauth.clientSecret === 'string' ? oauth.clientSecret.trim() : undefined;
      if (typed && oauth.tokenEndpointAuthMethod === 'private_key_jwt') {
        try {
          signingAlgorithm(typed);
        } catch (error) {
          throw issue(error instanceof Error ? error.message : String(error));
        }
      }
      const ref = oauth.clientSecret === undefined ? undefined : refFor(deps, p.previousName, p.name);
      const key = ref ? secretKeys.clientSecret(entry.url, ref) : undefined;
      const before = key ? await deps.secrets.read(key) : undefined;
      if (key && !typed && before === undefined) {
        throw issue(`No client secret is stored for ${originOf(entry.url)}: type it again (a stored secret stays with the server address it was typed for).`);
      }
      if (key && typed) {
        await deps.secrets.write(key, typed);
        deps.redactor.setOAuth(`client-secret:${ref}`, [typed]);
      }
      try {
        return await deps.config.upsert({ ...p, entry, oauthBlock: blockOf(oauth, ref) });
      } catch (error) {
        // A refused edit leaves the store as it was.
        if (key && typed) await deps.secrets.write(key, before);
        throw error;
      }
    },
  };
}
