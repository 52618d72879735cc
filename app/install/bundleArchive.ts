// Unpacks a .mcpb (a zip) safely: every entry must stay inside the target folder, links are refused,
// and the bytes written are bounded by what was checked. The table of contents is read here
// (zipDirectory.ts) and the same list of entries is unpacked, each one inflated in small slices by
// fflate's streaming Inflate and written as it comes: an entry that unpacks to more than it declared
// stops at once, so neither the disk nor memory holds more than the limits.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Inflate } from 'fflate';
import { readZipDirectory, ZipError, type ZipEntry, type ZipLimits } from './zipDirectory.ts';

export class BundleArchiveError extends Error {}

/** Most a bundle may unpack to (a zip bomb stops here) and how many files it may hold. */
export const BUNDLE_LIMITS: ZipLimits = { maxEntries: 20_000, maxUnpacked: 500 * 1024 * 1024 };
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
/** Compressed bytes inflated at a time: deflate's best ratio is about 1:1032, so one slice gives at most ~16 MB. */
const SLICE = 16 * 1024;

/** Why this entry name may not be unpacked, or undefined when it is a plain relative path. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\0')) return 'has a NUL character in its name';
  if (name.includes('\\')) return 'uses backslashes in its path';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'has an absolute path';
  if (name.split('/').some((s) => s === '..')) return 'climbs out of the bundle (it has a .. in its path)';
  return undefined;
}

function checkEntries(entries: ZipEntry[], root: string): void {
  for (const e of entries) {
    const full = path.resolve(root, e.name);
    const bad = unsafeEntryName(e.name) ?? (full !== root && !full.startsWith(root + path.sep) ? 'points outside the bundle' : undefined);
    if (bad) throw new BundleArchiveError(`This bundle was refused: "${e.name}" ${bad}.`);
    if (e.mode !== undefined && (e.mode & S_IFMT) === S_IFLNK) throw new BundleArchiveError(`This bundle was refused: "${e.name}" is a symbolic link.`);
  }
}

/** Writes one entry, never more bytes than it declared. */
async function writeEntry(zip: Uint8Array, e: ZipEntry, file: string): Promise<void> {
  const mode = e.mode !== undefined && e.mode & 0o111 ? 0o755 : 0o644;
  const handle = await fs.open(file, 'wx', mode);
  try {
    const data = zip.subarray(e.dataStart, e.dataStart + e.compressedSize);
    if (e.method === 0) {
      await handle.write(data);
      return;
    }
    let written = 0;
    let chunks: Uint8Array[] = [];
    let done = false;
    const inflate = new Inflate((chunk, final) => {
      written += chunk.length;
      if (written > e.size) throw new BundleArchiveError(`This bundle was refused: "${e.name}" unpacks to more than the ${e.size} bytes it declares.`);
      chunks.push(chunk);
      done = final;
    });
    for (let at = 0; at < data.length || !done; at += SLICE) {
      if (at >= data.length) throw new BundleArchiveError(`This bundle is damaged: "${e.name}" ends early.`);
      try {
        inflate.push(data.subarray(at, at + SLICE), at + SLICE >= data.length);
      } catch (error) {
        if (error instanceof BundleArchiveError) throw error;
        throw new BundleArchiveError(`This bundle is damaged: "${e.name}" cannot be unpacked (${(error as Error).message}).`);
      }
      for (const chunk of chunks) await handle.write(chunk);
      chunks = [];
    }
    if (written !== e.size) throw new BundleArchiveError(`This bundle is damaged: "${e.name}" unpacks to ${written} bytes but declares ${e.size}.`);
  } finally {
    await handle.close();
  }
}

/**
 * Unpacks into `target` (created; must not exist). Traversal, absolute paths, links, zip64, a table
 * of contents that counts differently, and sizes over the limits are refused before anything is
 * written; an entry that inflates past its declared size stops there. The caller removes `target`
 * when this throws.
 */
export async function unpackBundle(zip: Uint8Array, target: string, limits: ZipLimits = BUNDLE_LIMITS): Promise<void> {
  const root = path.resolve(target);
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(zip, limits);
  } catch (error) {
    if (error instanceof ZipError) throw new BundleArchiveError(error.message);
    throw error;
  }
  checkEntries(entries, root);
  await fs.mkdir(root, { recursive: true });
  for (const e of entries) {
    const full = path.resolve(root, e.name);
    try {
      if (e.name.endsWith('/')) {
        await fs.mkdir(full, { recursive: true });
        continue;
      }
      await fs.mkdir(path.dirname(full), { recursive: true });
      await writeEntry(zip, e, full);
    } catch (error) {
      if (error instanceof BundleArchiveError) throw error;
      throw new BundleArchiveError(
        `This bundle is damaged: "${e.name}" cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      );
    }
  }
}
