// What the install paths (other apps' files, install links, the registry, bundles) may do to the servers:
// add entries (secrets to the store, launch approval pending), replace or remove one, approve exactly
// what a link review showed, and show the result. Everything else of the servers side stays out of reach.
import type { ServerView } from '../api/views.ts';
import type { ExternalSource } from '../safety/launchRule.ts';
import type { ExternalEntry } from '../secrets/index.ts';
import type { ServerConfig } from './serverConfig.ts';
import type { ServerStatus } from './serverStatus.ts';

export class InstallTarget {
  constructor(
    private readonly config: ServerConfig,
    private readonly status: ServerStatus,
  ) {}

  /** Every configured name, valid or not. */
  configuredNames(): Set<string> {
    return this.status.configuredNames();
  }

  /** Adds the entries (taken names get a numeric suffix) and returns the names they got. */
  async addEntries(entries: ExternalEntry[], source: ExternalSource): Promise<string[]> {
    return (await this.config.addExternal(entries, source)).added;
  }

  replaceEntry(name: string, entry: Record<string, unknown>, secretKeys: readonly string[] = []): Promise<void> {
    return this.config.replaceEntry(name, entry, secretKeys);
  }

  remove(name: string): Promise<{ removed: string }> {
    return this.config.remove(name);
  }

  approveLaunch(name: string, fingerprint: string): Promise<ServerView> {
    return this.config.approveLaunch(name, fingerprint);
  }

  /** Sends these servers' views again (their origin became known after they were added). */
  announce(names: string[]): void {
    this.status.announce(names);
  }

  view(name: string): ServerView {
    return this.status.view(name);
  }
}
