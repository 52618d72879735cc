// Reads a zip's table of contents strictly, so that what is checked is exactly what gets unpacked.
// One end record, on one disk, whose on-disk and total entry counts agree; no zip64 (a bundle never
// needs it, and a zip64 record beside the classic one is a second table of contents); every entry's
// local header names the same file; compressed data stays before the table of contents.

export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  /** Unix mode when the zip was made on Unix; undefined otherwise. */
  mode?: number;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  /** Where the entry's (compressed) bytes start and how many there are. */
  dataStart: number;
  compressedSize: number;
  /** The unpacked size the zip declares; unpacking checks it byte by byte. */
  size: number;
}

export interface ZipLimits {
  maxEntries: number;
  /** Most all entries may unpack to together. */
  maxUnpacked: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
const damaged = (why: string) => new ZipError(`This bundle is damaged: ${why}.`);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function endRecord(zip: Uint8Array, view: DataView): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) return i;
  }
  throw new ZipError('This file is not a .mcpb bundle: it is not a zip archive.');
}

/** The entries, checked against `limits` before a byte is unpacked. */
export function readZipDirectory(zip: Uint8Array, limits: ZipLimits): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = endRecord(zip, view);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const onDisk = u16(eocd + 8);
  const total = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdStart = u32(eocd + 16);
  if ((eocd >= 20 && u32(eocd - 20) === ZIP64_LOCATOR) || onDisk === 0xffff || total === 0xffff || cdSize === 0xffffffff || cdStart === 0xffffffff) {
    throw new ZipError('This bundle was refused: it uses the zip64 format, which a bundle never needs and which could hide files from the check.');
  }
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) throw new ZipError('This bundle was refused: it says it spans several disks.');
  if (onDisk !== total) throw new ZipError(`This bundle was refused: its table of contents says ${total} files in total but ${onDisk} on this disk.`);
  if (total > limits.maxEntries) throw new ZipError(`This bundle has ${total} files; at most ${limits.maxEntries} are accepted.`);
  if (eocd + 22 + u16(eocd + 20) !== zip.length) throw damaged('something follows its end record');
  if (cdStart + cdSize !== eocd) throw damaged('its table of contents is not where its end record says');

  const decoder = new TextDecoder();
  const names = new Set<string>();
  const out: ZipEntry[] = [];
  let offset = cdStart;
  let unpacked = 0;
  for (let n = 0; n < total; n++) {
    if (offset + 46 > eocd || u32(offset) !== CENTRAL) throw damaged('its table of contents cannot be read');
    const madeBy = u16(offset + 4) >> 8;
    const flags = u16(offset + 8);
    const method = u16(offset + 10);
    const compressedSize = u32(offset + 20);
    const size = u32(offset + 24);
    const nameLength = u16(offset + 28);
    const next = offset + 46 + nameLength + u16(offset + 30) + u16(offset + 32);
    const local = u32(offset + 42);
    const nameBytes = zip.subarray(offset + 46, offset + 46 + nameLength);
    const name = decoder.decode(nameBytes);
    if (next > eocd) throw damaged('its table of contents cannot be read');
    if (compressedSize === 0xffffffff || size === 0xffffffff || local === 0xffffffff) {
      throw new ZipError('This bundle was refused: it uses the zip64 format, which a bundle never needs and which could hide files from the check.');
    }
    if (flags & 1) throw new ZipError(`This bundle was refused: "${name}" is encrypted.`);
    if (method !== 0 && method !== 8)
      throw new ZipError(`This bundle was refused: "${name}" is compressed in a way Switchboard does not unpack (method ${method}).`);
    if (method === 0 && compressedSize !== size) throw damaged(`"${name}" is stored with two different sizes`);
    if (names.has(name)) throw new ZipError(`This bundle was refused: "${name}" appears twice.`);
    names.add(name);
    if (local + 30 > cdStart || u32(local) !== LOCAL) throw damaged(`the data of "${name}" cannot be found`);
    const localName = zip.subarray(local + 30, local + 30 + u16(local + 26));
    if (Buffer.compare(localName, nameBytes) !== 0) throw new ZipError(`This bundle was refused: "${name}" is named differently inside the archive.`);
    const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
    if (dataStart + compressedSize > cdStart) throw damaged(`the data of "${name}" runs past the end of the archive`);
    unpacked += size;
    if (unpacked > limits.maxUnpacked) throw new ZipError(`This bundle unpacks to more than ${mb(limits.maxUnpacked)}; it was refused.`);
    out.push({ name, method, dataStart, compressedSize, size, ...(madeBy === 3 ? { mode: u32(offset + 38) >>> 16 } : {}) });
    offset = next;
  }
  if (offset !== eocd) throw damaged('its table of contents holds more than its end record counts');
  return out;
}
