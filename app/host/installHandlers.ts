// The install methods: other apps' files, install links. Every path ends in launch approval of exactly what was shown.
import path from 'node:path';
import { HostError } from '../api/errors.ts';
import type { ConfigIssue } from '../api/views.ts';
import { discoverSources, pickEntries } from '../install/importSources.ts';
import type { InstallRecord } from '../install/installRecord.ts';
import { SecretMarks } from '../secrets/index.ts';
import { LinkReviews } from '../install/linkReviews.ts';
import type { LocationOptions } from '../install/configLocations.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { Handlers } from './hostService.ts';
import type { InstallTarget } from './installTarget.ts';
import { registryHandlers } from './registryHandlers.ts';
import { bundleHandlers } from './bundleHandlers.ts';

type InstallMethods =
  | 'registry.openBundle'
  | 'bundles.open'
  | 'bundles.install'
  | 'bundles.dismiss'
  | 'bundles.uninstall'
  | 'registry.search'
  | 'registry.install'
  | 'registry.setUrl'
  | 'registry.url'
  | 'install.discover'
  | 'install.importFound'
  | 'install.dismissOffer'
  | 'install.openLink'
  | 'install.links'
  | 'install.acceptLink'
  | 'install.dismissLink';

export interface InstallDeps {
  dataDir: string;
  home: string;
  platform: NodeJS.Platform;
  /** The environment servers start with (its PATH decides whether npx, uvx, docker are there). */
  env: Record<string, string | undefined>;
  appData?: string;
  /** Project folders to look in (the person's roots). */
  workspaces: () => string[];
  servers: InstallTarget;
  /** Where each installed server came from (loaded by the caller: server views show it). */
  record: InstallRecord;
  events: EventHub;
  /** Where secret values an install brings go; see installSecrets.ts. */
}

export function createInstallHandlers(deps: InstallDeps): {
  handlers: Pick<Handlers, InstallMethods>;
  afterRemove(name: string): Promise<void>;
  dispose(): Promise<void>;
} {
  const { record } = deps;
  const links = new LinkReviews();
  const marks = new SecretMarks();
  const locations = (): LocationOptions => ({
    home: deps.home,
    platform: deps.platform,
    ...(deps.appData ? { appData: deps.appData } : {}),
    workspaces: deps
      .workspaces()
      .map((w) => (w.startsWith('file://') ? new URL(w).pathname : w))
      .filter((w) => path.isAbsolute(w)),
  });

  const bundles = bundleHandlers({
    dataDir: deps.dataDir,
    home: deps.home,
    platform: deps.platform,
    env: deps.env,
    record,
    servers: deps.servers,
    events: deps.events,
    marks,
  });
  const handlers: Pick<Handlers, InstallMethods> = {
    ...bundles.handlers,
    ...registryHandlers({ env: deps.env, platform: deps.platform, record, servers: deps.servers, marks, openBundle: bundles.openBytes }),
    'install.discover': async () => {
      const existing = deps.servers.configuredNames();
      const sources = await discoverSources(locations(), existing);
      return { sources, offer: existing.size === 0 && !record.offerShown && sources.some((s) => s.servers.length > 0) };
    },
    'install.importFound': async (p) => {
      const picked = await pickEntries(locations(), p.path, p.names, p.inputs, marks.place);
      if ('error' in picked) throw new HostError('invalid-params', picked.error);
      const added = await deps.servers.addEntries(
        picked.entries.map((e) => ({ ...e, secretKeys: marks.take(e.name) })),
        'other-app',
      );
      await record.record(added, { kind: 'import', app: picked.app ?? 'unknown', file: p.path });
      deps.servers.announce(added);
      await record.markOfferShown();
      const issues: ConfigIssue[] = picked.issues;
      return { added, updated: [], issues };
    },
    'install.dismissOffer': async () => {
      await record.markOfferShown();
      return { dismissed: true };
    },
    'install.openLink': async (p) => {
      const existing = deps.servers.configuredNames();
      const review = links.open(p.link, (name) => existing.has(name));
      deps.events.emit('install.linkOpened', review);
      return review;
    },
    'install.links': async () => links.list(),
    'install.acceptLink': async (p) => {
      const link = links.take(p.id, p.fingerprint);
      const [name] = await deps.servers.addEntries([{ name: link.name, entry: link.entry }], 'link');
      if (!name) throw new HostError('internal', `"${link.name}" could not be added.`);
      await record.record([name], { kind: 'link', shape: link.shape });
      // The review showed the whole definition (command line, cwd, env values; or URL and header names)
      // and its launch fingerprint came back unchanged: that is the launch approval, through the one rule,
      // which refuses it if what was written differs from what was shown.
      return deps.servers.approveLaunch(name, p.fingerprint);
    },
    'install.dismissLink': async (p) => {
      links.drop(p.id);
      return { dismissed: true };
    },
  };
  return { handlers, afterRemove: bundles.afterRemove, dispose: bundles.dispose };
}
