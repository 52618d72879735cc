// Zips whose table of contents tells the size check one thing and an unpacker another (issue 24, item 1):
// each is refused, and what reaches the disk never exceeds what was checked.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundleArchiveError, unpackBundle } from '../../../app/install/bundleArchive.ts';
import { buildBundle, greeterManifest, withDeclaredSize, withTotalCount, withZip64Directory } from '../../support/bundleBuilder.ts';
import { useTempDirs } from '../../support/tempDir.ts';

const tempDir = useTempDirs();
const MB = 1024 * 1024;

async function bytesUnder(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** The greeter bundle plus `big` (zeros, deflated to a few KB), listed last. */
const withBig = (size: number) => buildBundle(greeterManifest(), { 'server/big.bin': new Uint8Array(size) });

describe('unpacking a bundle writes only what its table of contents admits', () => {
  it('refuses an end record whose total count hides entries that are on the disk, writing nothing', async () => {
    const target = path.join(await tempDir(), 'b');
    const zip = withTotalCount(withBig(8 * MB), 1);
    await expect(unpackBundle(zip, target, { maxEntries: 100, maxUnpacked: 2 * MB })).rejects.toThrow(/says 1 files in total but 4 on this disk/);
    expect(await bytesUnder(target)).toBe(0);
  });

  it('refuses a zip64 end record that lists more entries than the classic one, writing nothing', async () => {
    const target = path.join(await tempDir(), 'b');
    const zip = withZip64Directory(withBig(8 * MB), 3);
    await expect(unpackBundle(zip, target, { maxEntries: 100, maxUnpacked: 2 * MB })).rejects.toThrow(/zip64/);
    expect(await bytesUnder(target)).toBe(0);
  });

  it('stops an entry that inflates past the size it declares, before writing more than it declared', async () => {
    const target = path.join(await tempDir(), 'b');
    const zip = withDeclaredSize(withBig(16 * MB), 'server/big.bin', 1000);
    const refusal = unpackBundle(zip, target, { maxEntries: 100, maxUnpacked: 2 * MB });
    await expect(refusal).rejects.toThrow(BundleArchiveError);
    await expect(refusal).rejects.toThrow('"server/big.bin" unpacks to more than the 1000 bytes it declares');
    const written = await bytesUnder(target);
    expect(written).toBeLessThan(2 * MB);
    expect(existsSync(path.join(target, 'server', 'big.bin')) ? (await stat(path.join(target, 'server', 'big.bin'))).size : 0).toBeLessThanOrEqual(1000);
  });

  it('refuses honest sizes over the limit before writing anything, and unpacks a bundle within it exactly', async () => {
    const over = path.join(await tempDir(), 'over');
    await expect(unpackBundle(withBig(3 * MB), over, { maxEntries: 100, maxUnpacked: 2 * MB })).rejects.toThrow(
      'This bundle unpacks to more than 2 MB; it was refused.',
    );
    expect(existsSync(over)).toBe(false);
    const within = path.join(await tempDir(), 'within');
    await unpackBundle(withBig(MB), within, { maxEntries: 100, maxUnpacked: 2 * MB });
    expect((await stat(path.join(within, 'server', 'big.bin'))).size).toBe(MB);
  });

  it('unpacks empty, stored and slice-sized entries and folders byte for byte', async () => {
    const target = path.join(await tempDir(), 'b');
    const slice = Uint8Array.from({ length: 16 * 1024 + 1 }, (_, i) => (i * 2654435761) >>> 24);
    const zip = buildBundle(greeterManifest(), {
      'empty.txt': new Uint8Array(0),
      'stored.bin': [slice, { level: 0 }],
      'slice.bin': slice,
      'assets/': new Uint8Array(0),
    } as never);
    await unpackBundle(zip, target);
    expect((await stat(path.join(target, 'empty.txt'))).size).toBe(0);
    expect(Buffer.compare(await readFile(path.join(target, 'stored.bin')), slice)).toBe(0);
    expect(Buffer.compare(await readFile(path.join(target, 'slice.bin')), slice)).toBe(0);
    expect((await stat(path.join(target, 'assets'))).isDirectory()).toBe(true);
  });
});
