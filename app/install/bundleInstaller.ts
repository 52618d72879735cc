// .mcpb bundles on disk: unpacked into <dataDir>/bundles/.staging/<id> for review, moved to
// <dataDir>/bundles/<name>/<version>-<digest> on install (an older version is removed), removed on uninstall.
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { McpbManifestAny } from '@anthropic-ai/mcpb/browser';
import type { BundleReviewView } from '../api/installViews.ts';
import { formatCommandLine } from '../config/commandLine.ts';
import { BundleArchiveError, unpackBundle } from './bundleArchive.ts';
import { BundleManifestError, bundleEntry, bundleName, compatibilityProblems, manifestChanges, readManifest, userConfigFields } from './bundleManifest.ts';
import { runtimeProblems } from './runtimeCheck.ts';

export class BundleError extends Error {}

interface Pending {
  manifest: McpbManifestAny;
  staging: string;
  name: string;
  /** The start of the bundle file's SHA-256: part of the folder name, so other bytes mean another command line. */
  digest: string;
}

export interface BundleInstallerOptions {
  dataDir: string;
  home: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
}

export class BundleInstaller {
  private readonly pending = new Map<string, Pending>();
  private readonly root: string;

  constructor(private readonly o: BundleInstallerOptions) {
    this.root = path.join(o.dataDir, 'bundles');
  }

  /**
   * Each bundle file in its own folder, named by its version and the digest of its bytes: another
   * version, or other code under the same version, gives another command line, which asks for launch
   * approval again. The same file again keeps the approval of exactly those files.
   */
  dirOf(name: string, version: string, digest: string): string {
    return path.join(this.root, name, `${version.replace(/[^A-Za-z0-9._+-]/g, '_')}-${digest}`);
  }

  /**
   * Unpacks and reads a bundle for review. `taken(name)` says whether a server that is not this bundle
   * already uses a name; such a bundle installs under a new name.
   */
  async open(data: Uint8Array, taken: (name: string) => boolean): Promise<BundleReviewView> {
    const id = randomUUID();
    const digest = createHash('sha256').update(data).digest('hex').slice(0, 12);
    const staging = path.join(this.root, '.staging', id);
    try {
      await unpackBundle(data, staging);
      const text = await fs.readFile(path.join(staging, 'manifest.json'), 'utf8').catch(() => {
        throw new BundleError('This bundle has no manifest.json at its top level.');
      });
      const manifest = readManifest(text);
      let name = bundleName(manifest);
      for (let i = 2; taken(name); i++) name = `${bundleName(manifest)}-${i}`;
      const before = await this.installedManifest(name);
      const dir = this.dirOf(name, manifest.version, digest);
      const preview = await bundleEntry(manifest, dir, {}, this.o.home, path.sep).catch(() => undefined);
      const raw = manifest.server.mcp_config;
      const commandPreview = preview
        ? formatCommandLine({ ...preview, kind: 'stdio' })
        : [raw?.command ?? '', ...(raw?.args ?? [])].join(' ').split('${__dirname}').join(dir);
      this.pending.set(id, { manifest, staging, name, digest });
      return {
        id,
        name,
        displayName: manifest.display_name ?? manifest.name,
        version: manifest.version,
        description: manifest.description,
        author: manifest.author.name,
        commandPreview,
        fields: userConfigFields(manifest),
        problems: await this.problems(manifest),
        ...(before ? { replaces: { version: before.version, changes: manifestChanges(before, manifest) } } : {}),
      };
    } catch (error) {
      await fs.rm(staging, { recursive: true, force: true });
      if (error instanceof BundleArchiveError || error instanceof BundleManifestError) throw new BundleError(error.message);
      throw error;
    }
  }

  /** Moves the reviewed bundle into place and returns its config entry; a required value missing is refused first. */
  async install(id: string, values: Record<string, string>): Promise<{ name: string; version: string; entry: Record<string, unknown> }> {
    const p = this.pending.get(id);
    if (!p) throw new BundleError('This bundle was already installed or dismissed. Open the file again.');
    const problems = await this.problems(p.manifest);
    if (problems.length > 0) throw new BundleError(problems.join(' '));
    const dir = this.dirOf(p.name, p.manifest.version, p.digest);
    let built;
    try {
      built = await bundleEntry(p.manifest, dir, values, this.o.home, path.sep);
    } catch (error) {
      if (error instanceof BundleManifestError) throw new BundleError(error.message);
      throw error;
    }
    // Set the installed versions aside, move the new one in, then remove the old ones.
    const home = path.join(this.root, p.name);
    const old = path.join(this.root, '.staging', `${id}-old`);
    const hadOld = await fs.rename(home, old).then(
      () => true,
      () => false,
    );
    await fs.mkdir(home, { recursive: true });
    await fs.rename(p.staging, dir);
    if (hadOld) await fs.rm(old, { recursive: true, force: true });
    this.pending.delete(id);
    const entry = { command: built.command, args: built.args, ...(Object.keys(built.env).length ? { env: built.env } : {}) };
    return { name: p.name, version: p.manifest.version, entry };
  }

  async dismiss(id: string): Promise<void> {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (p) await fs.rm(p.staging, { recursive: true, force: true });
  }

  async removeFiles(name: string): Promise<void> {
    await fs.rm(path.join(this.root, name), { recursive: true, force: true });
  }

  async dispose(): Promise<void> {
    await fs.rm(path.join(this.root, '.staging'), { recursive: true, force: true });
  }

  /** Why the bundle cannot run here: platform, its command, and the runtime versions it asks for. */
  private async problems(manifest: McpbManifestAny): Promise<string[]> {
    return [...compatibilityProblems(manifest, this.o.platform, this.o.env), ...(await runtimeProblems(manifest, this.o.platform, this.o.env))];
  }

  private async installedManifest(name: string): Promise<McpbManifestAny | undefined> {
    try {
      const [version] = await fs.readdir(path.join(this.root, name));
      return version ? readManifest(await fs.readFile(path.join(this.root, name, version, 'manifest.json'), 'utf8')) : undefined;
    } catch {
      return undefined;
    }
  }
}
