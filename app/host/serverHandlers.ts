// The contract's server methods: the config and its entries, Start/Stop/Restart, logs, launch approval
// and trust, pasted JSON. Each goes to the one object that owns its concern.
import type { ImportResult } from '../api/contract.ts';
import type { LogLine } from '../api/views.ts';
import { HostError } from '../api/errors.ts';
import { parseImport } from '../config/importConfig.ts';
import type { Handlers } from './hostService.ts';
import type { ServerConfig } from './serverConfig.ts';
import type { ServerFleet } from './serverFleet.ts';
import type { ServerStatus } from './serverStatus.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import { definitionIfValid } from './signInHandlers.ts';
import { setSandbox } from './serverSandboxWiring.ts';

type ServerMethod =
  | 'config.get'
  | 'servers.list'
  | 'servers.upsert'
  | 'servers.remove'
  | 'servers.setDisabled'
  | 'servers.start'
  | 'servers.stop'
  | 'servers.restart'
  | 'servers.setToolEnabled'
  | 'servers.logs'
  | 'servers.import'
  | 'servers.approveLaunch'
  | 'servers.setTrust'
  | 'servers.setSandbox'
  | 'servers.moveInlineSecrets';

export interface ServerHandlerDeps {
  config: ServerConfig;
  fleet: ServerFleet;
  status: ServerStatus;
  /** The lines of the server's other accounts' connections (routing/accountConnections.ts), marked with the account. */
  accountLogs: (name: string) => LogLine[];
  /** After an entry is removed (`def` is what it was): what the install side kept of it, its sign-in. */
  afterRemove: (name: string, def: ServerDefinition | undefined) => Promise<void>;
}

export function serverHandlers({ config, fleet, status, accountLogs, afterRemove }: ServerHandlerDeps): Pick<Handlers, ServerMethod> {
  return {
    'config.get': async () => config.view(),
    'servers.list': async () => status.list(),
    'servers.upsert': async (p) => config.upsert(p),
    'servers.remove': async (p) => {
      const def = definitionIfValid({ config }, p.server);
      const removed = await config.remove(p.server);
      await afterRemove(p.server, def);
      return removed;
    },
    'servers.setDisabled': async (p) => config.setDisabled(p.server, p.disabled),
    'servers.start': async (p) => {
      fleet.start(p.server);
      return status.view(p.server);
    },
    'servers.stop': async (p) => {
      await fleet.stop(p.server);
      return status.view(p.server);
    },
    'servers.restart': async (p) => {
      fleet.restart(p.server);
      return status.view(p.server);
    },
    'servers.setToolEnabled': async (p) => config.setToolEnabled(p.server, p.tool, p.enabled),
    // The default account's lines and any other account's, in the order they happened.
    'servers.logs': async (p) => [...fleet.logs(p.server), ...accountLogs(p.server)].sort((a, b) => a.at - b.at),
    'servers.import': async (p) => importJson(config, p.json),
    'servers.approveLaunch': async (p) => config.approveLaunch(p.server, p.fingerprint),
    'servers.setTrust': async (p) => config.setTrust(p.server, p),
    'servers.setSandbox': async (p) => setSandbox({ config, status }, p.server, p.sandbox),
    'servers.moveInlineSecrets': async (p) => config.moveInlineSecrets(p.server),
  };
}

async function importJson(config: ServerConfig, json: string): Promise<ImportResult> {
  const parsed = parseImport(json);
  if (parsed.error) throw new HostError('invalid-params', parsed.error, [{ path: 'json', message: parsed.error }]);
  const { added, secretsMoved } = await config.addExternal(parsed.entries, 'import');
  return { added, updated: [], issues: parsed.issues, ...(secretsMoved.length > 0 ? { secretsMoved } : {}) };
}
