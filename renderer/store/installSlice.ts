// The install slice: other apps' files found on this machine, install links and bundles waiting for review,
// and the MCP Registry.
import type { BundleReviewView, ImportDiscoveryView, ImportResult, LinkReviewView, RegistryPageView, ServerView } from '../../app/api/index.ts';
import type { MethodParams } from '../../app/api/schemas.ts';
import type { ActionError } from './appState.ts';
import { toActionError } from './actionError.ts';
import { applyServersChanged, newer } from './serversSlice.ts';
import type { SliceContext } from './sliceTools.ts';

/** Installing from elsewhere: the first-run offer of other apps' servers, and install links under review. */
export interface InstallSlice {
  /** Set while the first-run offer is open. */
  firstRunOffer: ImportDiscoveryView | null;
  /** Install links waiting for the person, oldest first. */
  links: LinkReviewView[];
  /** The last link that could not be read. */
  linkError: string | null;
  /** Bundles opened and waiting for review, oldest first. */
  bundles: BundleReviewView[];
}

export const initialInstall: InstallSlice = { firstRunOffer: null, links: [], linkError: null, bundles: [] };

export interface InstallActions {
  /** Unpacks and reads a .mcpb; its review joins `install.bundles`. */
  openBundle(fileName: string, dataBase64: string): Promise<ActionError | null>;
  installBundle(id: string, values: Record<string, string>): Promise<ServerView | ActionError>;
  dismissBundle(id: string): Promise<void>;
  uninstallBundle(name: string): Promise<ActionError | null>;
  /** Downloads a registry bundle (sha256 checked) and opens its review. */
  registryOpenBundle(server: string, version: string, option: string): Promise<ActionError | null>;
  registrySearch(search?: string, cursor?: string): Promise<RegistryPageView | ActionError>;
  registryInstall(params: MethodParams<'registry.install'>): Promise<ServerView | ActionError>;
  setRegistryUrl(url: string): Promise<{ registryUrl: string } | ActionError>;
  registryUrl(): Promise<{ registryUrl: string } | ActionError>;
  discoverImports(): Promise<ImportDiscoveryView | ActionError>;
  importFound(path: string, names: string[], inputs: Record<string, string>): Promise<ImportResult | ActionError>;
  dismissImportOffer(): Promise<void>;
  /** Opens the link's review (or shows why it cannot); false when it could not be read. */
  openInstallLink(link: string): Promise<boolean>;
  /** Installs the reviewed link; null on success, else why it was refused. */
  acceptLink(id: string, fingerprint: string): Promise<ActionError | null>;
  dismissLink(id: string): Promise<void>;
}

export function subscribeInstall({ api, set }: SliceContext): (() => void)[] {
  return [
    api.on('install.linkOpened', (review) => set((st) => ({ install: { ...st.install, links: mergeById(st.install.links, [review]) } }))),
    api.on('bundles.opened', (review) => set((st) => ({ install: { ...st.install, bundles: mergeById(st.install.bundles, [review]) } }))),
  ];
}

export function installActions({ api, set }: SliceContext): InstallActions & { loadInstall(): Promise<void> } {
  const setInstall = (change: (s: InstallSlice) => InstallSlice) => set((st) => ({ install: change(st.install) }));
  const applyView = (view: ServerView) =>
    set((st) => ({ servers: applyServersChanged(st.servers, { kind: 'upsert', view: newer(st.servers.byName[view.name], view) }) }));
  const withoutLink = (id: string) => setInstall((s) => ({ ...s, links: s.links.filter((l) => l.id !== id) }));

  const withoutBundle = (id: string) => setInstall((s) => ({ ...s, bundles: s.bundles.filter((b) => b.id !== id) }));

  return {
    async openBundle(fileName, dataBase64): Promise<ActionError | null> {
      try {
        const review = await api['bundles.open']({ fileName, dataBase64 });
        setInstall((s) => ({ ...s, bundles: mergeById(s.bundles, [review]) }));
        return null;
      } catch (error) {
        return toActionError(error);
      }
    },
    async registryOpenBundle(server, version, option): Promise<ActionError | null> {
      try {
        const review = await api['registry.openBundle']({ server, version, option });
        setInstall((s) => ({ ...s, bundles: mergeById(s.bundles, [review]) }));
        return null;
      } catch (error) {
        return toActionError(error);
      }
    },
    async installBundle(id, values): Promise<ServerView | ActionError> {
      try {
        const view = await api['bundles.install']({ id, values });
        applyView(view);
        withoutBundle(id);
        return view;
      } catch (error) {
        return toActionError(error);
      }
    },
    async dismissBundle(id) {
      withoutBundle(id);
      await api['bundles.dismiss']({ id }).catch(() => undefined);
    },
    async uninstallBundle(name): Promise<ActionError | null> {
      try {
        await api['bundles.uninstall']({ server: name });
        return null;
      } catch (error) {
        return toActionError(error);
      }
    },
    async registrySearch(search, cursor): Promise<RegistryPageView | ActionError> {
      try {
        return await api['registry.search']({ ...(search ? { search } : {}), ...(cursor ? { cursor } : {}) });
      } catch (error) {
        return toActionError(error);
      }
    },
    async registryInstall(params): Promise<ServerView | ActionError> {
      try {
        const view = await api['registry.install'](params);
        applyView(view);
        return view;
      } catch (error) {
        return toActionError(error);
      }
    },
    async registryUrl(): Promise<{ registryUrl: string } | ActionError> {
      try {
        return await api['registry.url']({});
      } catch (error) {
        return toActionError(error);
      }
    },
    async setRegistryUrl(url): Promise<{ registryUrl: string } | ActionError> {
      try {
        return await api['registry.setUrl']({ url });
      } catch (error) {
        return toActionError(error);
      }
    },
    async loadInstall() {
      const [links, found] = await Promise.allSettled([api['install.links']({}), api['install.discover']({})]);
      setInstall((s) => ({
        ...s,
        links: links.status === 'fulfilled' ? mergeById(s.links, links.value) : s.links,
        firstRunOffer: found.status === 'fulfilled' && found.value.offer ? found.value : null,
      }));
    },
    async discoverImports(): Promise<ImportDiscoveryView | ActionError> {
      try {
        return await api['install.discover']({});
      } catch (error) {
        return toActionError(error);
      }
    },
    async importFound(path, names, inputs): Promise<ImportResult | ActionError> {
      try {
        const result = await api['install.importFound']({ path, names, inputs });
        setInstall((s) => ({ ...s, firstRunOffer: null }));
        return result;
      } catch (error) {
        return toActionError(error);
      }
    },
    async dismissImportOffer() {
      setInstall((s) => ({ ...s, firstRunOffer: null }));
      await api['install.dismissOffer']({}).catch(() => undefined);
    },
    async openInstallLink(link) {
      try {
        const review = await api['install.openLink']({ link });
        setInstall((s) => ({ ...s, links: mergeById(s.links, [review]), linkError: null }));
        return true;
      } catch (error) {
        setInstall((s) => ({ ...s, linkError: toActionError(error).message }));
        return false;
      }
    },
    async acceptLink(id, fingerprint): Promise<ActionError | null> {
      try {
        const view = await api['install.acceptLink']({ id, fingerprint });
        applyView(view);
        withoutLink(id);
        return null;
      } catch (error) {
        const failure = toActionError(error);
        // A refused or already-handled review is gone on the host: keep showing why, then let the person close it.
        return failure;
      }
    },
    async dismissLink(id) {
      withoutLink(id);
      setInstall((s) => ({ ...s, linkError: null }));
      if (id) await api['install.dismissLink']({ id }).catch(() => undefined);
    },
  };
}

/** Adds reviews not yet shown, oldest first. */
export function mergeById<T extends { id: string }>(current: T[], incoming: T[]): T[] {
  const known = new Set(current.map((l) => l.id));
  return [...current, ...incoming.filter((l) => !known.has(l.id))];
}
