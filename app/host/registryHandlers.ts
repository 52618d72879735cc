// The MCP Registry methods: browse a registry, install one of its servers. A stdio install waits for launch approval.
import { HostError } from '../api/errors.ts';
import { resolveCommand } from '../servers/commandResolver.ts';
import type { InstallRecord } from '../install/installRecord.ts';
import type { SecretMarks } from '../secrets/index.ts';
import { getServerVersion, listServers, OFFICIAL_REGISTRY_URL, RegistryError } from '../install/registryClient.ts';
import { fieldTarget, registryServerView } from '../install/registryServer.ts';
import { bundlePackage, localName, RegistryInstallError, registryEntry } from '../install/registryEntry.ts';
import type { Handlers } from './hostService.ts';
import type { BundleReviewView } from '../api/installViews.ts';
import { BundleDownloadError, downloadBundle } from '../install/bundleDownload.ts';
import type { InstallTarget } from './installTarget.ts';

type RegistryMethods = 'registry.search' | 'registry.install' | 'registry.setUrl' | 'registry.url' | 'registry.openBundle';

export interface RegistryDeps {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  record: InstallRecord;
  servers: InstallTarget;
  marks: SecretMarks;
  openBundle(data: Uint8Array): Promise<BundleReviewView>;
}

function asHostError(error: unknown): never {
  if (error instanceof RegistryError || error instanceof BundleDownloadError) throw new HostError('unavailable', error.message);
  if (error instanceof RegistryInstallError)
    throw new HostError('invalid-params', error.message, error.field ? [{ path: `values.${error.field}`, message: error.message }] : undefined);
  throw error;
}

export function registryHandlers(deps: RegistryDeps): Pick<Handlers, RegistryMethods> {
  const url = () => deps.record.registryUrl ?? OFFICIAL_REGISTRY_URL;
  const runtimeProblem = (command: string) => {
    const found = resolveCommand(command, deps.env, deps.platform);
    return found.ok ? undefined : found.message;
  };

  return {
    'registry.search': async (p) => {
      const registryUrl = url();
      const page = await listServers(registryUrl, { ...(p.search ? { search: p.search } : {}), ...(p.cursor ? { cursor: p.cursor } : {}) }).catch(asHostError);
      return {
        registryUrl,
        servers: page.records.map((r) => registryServerView(r, runtimeProblem)),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      };
    },
    'registry.install': async (p) => {
      const registryUrl = url();
      const record = await getServerVersion(registryUrl, p.server, p.version).catch(asHostError);
      const view = registryServerView(record, runtimeProblem);
      if (view.status === 'deleted') throw new HostError('conflict', `${view.name} was deleted from the registry; it cannot be installed.`);
      const option = view.options.find((o) => o.id === p.option);
      // A missing runtime is explained before anything is written.
      if (option?.missingRuntime) throw new HostError('unavailable', option.missingRuntime);
      let entry: Record<string, unknown>;
      try {
        entry = registryEntry(record, p.option, p.values);
      } catch (error) {
        asHostError(error);
      }
      const name = p.name ?? localName(view.name);
      // A value is secret when any field that fills it is (a header `Bearer {api_key}` with a secret api_key).
      for (const target of option?.fields.filter((f) => f.secret).map((f) => fieldTarget(f.key)) ?? []) {
        const value = target && (entry[target.field] as Record<string, string> | undefined)?.[target.key];
        if (target && value) await deps.marks.place({ server: name, field: target.field, key: target.key, value });
      }
      const [added] = await deps.servers.addEntries([{ name, entry, secretKeys: deps.marks.take(name) }], 'registry');
      if (!added) throw new HostError('internal', `${name} could not be added.`);
      await deps.record.record([added], { kind: 'registry', registry: registryUrl, name: view.name, version: view.version });
      deps.servers.announce([added]);
      return deps.servers.view(added);
    },
    'registry.openBundle': async (p) => {
      const record = await getServerVersion(url(), p.server, p.version).catch(asHostError);
      const bundle = bundlePackage(record, p.option);
      if (!bundle) throw new HostError('invalid-params', `${p.server} ${p.version} has no bundle with a published sha256 at "${p.option}".`);
      return deps.openBundle(await downloadBundle(bundle.url, bundle.sha256).catch(asHostError));
    },
    'registry.url': async () => ({ registryUrl: url() }),
    'registry.setUrl': async (p) => {
      await deps.record.setRegistryUrl(p.url || undefined);
      return { registryUrl: url() };
    },
  };
}
