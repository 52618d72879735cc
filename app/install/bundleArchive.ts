// Unpacks a .mcpb (a zip) safely: every entry must stay inside the target folder, and links are refused.
// fflate does the inflating; the central directory is read here for what fflate does not expose
// (each entry's Unix mode, to refuse symlinks).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';

export class BundleArchiveError extends Error {}

/** Most a bundle may unpack to; a zip bomb stops here. */
const MAX_UNPACKED = 500 * 1024 * 1024;
const MAX_ENTRIES = 20_000;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

interface CentralEntry {
  name: string;
  /** Unix mode when the zip was made on Unix; undefined otherwise. */
  mode?: number;
  size: number;
}

function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new BundleArchiveError('This file is not a .mcpb bundle: it is not a zip archive.');
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count > MAX_ENTRIES) throw new BundleArchiveError(`This bundle has ${count} files; at most ${MAX_ENTRIES} are accepted.`);
  const decoder = new TextDecoder();
  const out: CentralEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > zip.length || view.getUint32(offset, true) !== 0x02014b50) throw new BundleArchiveError('This bundle is damaged: its table of contents cannot be read.');
    const madeBy = view.getUint16(offset + 4, true) >> 8;
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const external = view.getUint32(offset + 38, true);
    const name = decoder.decode(zip.subarray(offset + 46, offset + 46 + nameLength));
    out.push({ name, size, ...(madeBy === 3 ? { mode: external >>> 16 } : {}) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** Why this entry name may not be unpacked, or undefined when it is a plain relative path. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\0')) return 'has a NUL character in its name';
  if (name.includes('\\')) return 'uses backslashes in its path';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'has an absolute path';
  if (name.split('/').some((s) => s === '..')) return 'climbs out of the bundle (it has a .. in its path)';
  return undefined;
}

/** Unpacks into `target` (created; must not exist). Refuses traversal, absolute paths, links and zip bombs before writing anything. */
export async function unpackBundle(zip: Uint8Array, target: string): Promise<void> {
  const entries = centralDirectory(zip);
  let total = 0;
  for (const e of entries) {
    const bad = unsafeEntryName(e.name);
    if (bad) throw new BundleArchiveError(`This bundle was refused: "${e.name}" ${bad}.`);
    if (e.mode !== undefined && (e.mode & S_IFMT) === S_IFLNK) throw new BundleArchiveError(`This bundle was refused: "${e.name}" is a symbolic link.`);
    total += e.size;
    if (total > MAX_UNPACKED) throw new BundleArchiveError(`This bundle unpacks to more than ${MAX_UNPACKED / 1024 / 1024} MB; it was refused.`);
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (error) {
    throw new BundleArchiveError(`This bundle is damaged: ${(error as Error).message}.`);
  }
  const root = path.resolve(target);
  await fs.mkdir(root, { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    // The central directory was checked; check fflate's names too, in case the local headers disagree.
    const bad = unsafeEntryName(name);
    const full = path.resolve(root, name);
    if (bad || (full !== root && !full.startsWith(root + path.sep))) throw new BundleArchiveError(`This bundle was refused: "${name}" ${bad ?? 'points outside the bundle'}.`);
    if (name.endsWith('/')) {
      await fs.mkdir(full, { recursive: true });
      continue;
    }
    await fs.mkdir(path.dirname(full), { recursive: true });
    const mode = entries.find((e) => e.name === name)?.mode;
    await fs.writeFile(full, data, { mode: mode !== undefined && mode & 0o111 ? 0o755 : 0o644, flag: 'wx' });
  }
}
