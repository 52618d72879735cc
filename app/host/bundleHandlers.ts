// The .mcpb methods: open (unpack + review), install (values → entry, waits for launch approval), uninstall (entry + files).
import { HostError } from '../api/errors.ts';
import { BundleError, BundleInstaller } from '../install/bundleInstaller.ts';
import type { InstallRecord } from '../install/installRecord.ts';
import type { BundleReviewView } from '../api/installViews.ts';
import type { SecretMarks } from '../secrets/index.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { Handlers } from './hostService.ts';
import type { InstallTarget } from './installTarget.ts';

type BundleMethods = 'bundles.open' | 'bundles.install' | 'bundles.dismiss' | 'bundles.uninstall';

export interface BundleDeps {
  dataDir: string;
  home: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  record: InstallRecord;
  servers: InstallTarget;
  events: EventHub;
  marks: SecretMarks;
}

const asHostError = (error: unknown): never => {
  if (error instanceof BundleError) throw new HostError('invalid-params', error.message);
  throw error;
};

export interface Bundles {
  handlers: Pick<Handlers, BundleMethods>;
  /** Opens bundle bytes from elsewhere (a registry download) for review, as `bundles.open` does. */
  openBytes(data: Uint8Array): Promise<BundleReviewView>;
  afterRemove(name: string): Promise<void>;
  dispose(): Promise<void>;
}

export function bundleHandlers(deps: BundleDeps): Bundles {
  const installer = new BundleInstaller(deps);
  const isBundle = (name: string) => deps.record.originOf(name)?.kind === 'bundle';
  const sensitive = new Map<string, Set<string>>();
  const openBytes = async (data: Uint8Array): Promise<BundleReviewView> => {
    const configured = deps.servers.configuredNames();
    const review = await installer.open(data, (n) => configured.has(n) && !isBundle(n)).catch(asHostError);
    sensitive.set(review.id, new Set(review.fields.filter((f) => f.secret).map((f) => f.key.replace(/^user_config:/, ''))));
    // Every window shows it, also when the OS opened the file (Electron's file association).
    deps.events.emit('bundles.opened', review);
    return review;
  };

  return {
    openBytes,
    dispose: () => installer.dispose(),
    /** A server removed any other way (Settings → Remove) takes its bundle files with it. */
    async afterRemove(name) {
      if (!isBundle(name)) return;
      await installer.removeFiles(name);
      await deps.record.forget(name);
    },
    handlers: {
      'bundles.open': async (p) => openBytes(Buffer.from(p.dataBase64, 'base64')),
      'bundles.install': async (p) => {
        const secretKeys = sensitive.get(p.id) ?? new Set<string>();
        const { name, version, entry } = await installer.install(p.id, p.values).catch(asHostError);
        sensitive.delete(p.id);
        // Env values that came from sensitive user_config go where secrets live.
        const env = entry.env as Record<string, string> | undefined;
        if (env) {
          for (const [key, value] of Object.entries(env)) {
            if ([...secretKeys].some((k) => p.values[`user_config:${k}`] === value))
              env[key] = await deps.marks.place({ server: name, field: 'env', key, value });
          }
        }
        const marked = deps.marks.take(name);
        if (deps.servers.configuredNames().has(name)) await deps.servers.replaceEntry(name, entry, marked);
        else await deps.servers.addEntries([{ name, entry, secretKeys: marked }], 'bundle');
        await deps.record.record([name], { kind: 'bundle', name, version });
        deps.servers.announce([name]);
        return deps.servers.view(name);
      },
      'bundles.dismiss': async (p) => {
        sensitive.delete(p.id);
        await installer.dismiss(p.id);
        return { dismissed: true };
      },
      'bundles.uninstall': async (p) => {
        if (!isBundle(p.server)) throw new HostError('not-found', `"${p.server}" was not installed from a bundle.`);
        if (deps.servers.configuredNames().has(p.server)) await deps.servers.remove(p.server);
        await installer.removeFiles(p.server);
        await deps.record.forget(p.server);
        return { removed: p.server };
      },
    },
  };
}
