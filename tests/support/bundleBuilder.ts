// Builds real .mcpb files (zip archives) in memory: a manifest and the tiny greeter server, or hostile entries.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { fixturesDir } from './paths.ts';

export function greeterManifest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    manifest_version: '0.3',
    name: 'greeter',
    display_name: 'Greeter',
    version: '1.0.0',
    description: 'Greets people, packed as a bundle.',
    author: { name: 'Switchboard tests' },
    server: {
      type: 'node',
      entry_point: 'server/index.js',
      mcp_config: { command: 'node', args: ['${__dirname}/server/index.js'], env: { GREETING: '${user_config.greeting}', API_TOKEN: '${user_config.token}' } },
    },
    tools: [{ name: 'greet', description: 'Greets someone.' }],
    user_config: {
      greeting: { type: 'string', title: 'Greeting', description: 'What to say first.', default: 'Hello' },
      token: { type: 'string', title: 'API token', description: 'A secret the server gets.', sensitive: true, required: true },
    },
    ...overrides,
  };
}

export function buildBundle(manifest: Record<string, unknown> = greeterManifest(), extra: Zippable = {}): Uint8Array {
  const server = readFileSync(path.join(fixturesDir, 'bundle-server', 'index.js'));
  return zipSync({
    'manifest.json': strToU8(JSON.stringify(manifest, null, 2)),
    'package.json': strToU8(JSON.stringify({ type: 'module' })),
    'server/index.js': new Uint8Array(server),
    ...extra,
  });
}

/** A zip entry that is a symbolic link to `target` (Unix mode 120777 in the external attributes). */
export function symlinkEntry(target: string): [Uint8Array, { os: number; attrs: number }] {
  return [strToU8(target), { os: 3, attrs: (0o120777 << 16) >>> 0 }];
}

// Hostile rewrites of a zip made by buildBundle (fflate's layout: local entries, table of contents, end record).

function endOf(zip: Uint8Array): { view: DataView; eocd: number; cdStart: number; count: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  if (view.getUint32(eocd, true) !== 0x06054b50) throw new Error('expected an end record without comment');
  return { view, eocd, cdStart: view.getUint32(eocd + 16, true), count: view.getUint16(eocd + 10, true) };
}

/** The end record says `total` files in total while the on-disk count stays the real one (fflate unpacks by the latter). */
export function withTotalCount(zip: Uint8Array, total: number): Uint8Array {
  const out = zip.slice();
  const { view, eocd } = endOf(out);
  view.setUint16(eocd + 10, total, true);
  return out;
}

/** The classic end record lists only the first `visible` entries; a zip64 end record (which fflate follows) lists them all. */
export function withZip64Directory(zip: Uint8Array, visible: number): Uint8Array {
  const { view, eocd, cdStart, count } = endOf(zip);
  let visibleSize = 0;
  for (let n = 0, at = cdStart; n < visible; n++) {
    const next = at + 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    visibleSize += next - at;
    at = next;
  }
  const record = new DataView(new ArrayBuffer(56));
  record.setUint32(0, 0x06064b50, true);
  record.setBigUint64(4, 44n, true);
  record.setUint16(12, 45, true);
  record.setUint16(14, 45, true);
  record.setBigUint64(24, BigInt(count), true);
  record.setBigUint64(32, BigInt(count), true);
  record.setBigUint64(40, BigInt(eocd - cdStart), true);
  record.setBigUint64(48, BigInt(cdStart), true);
  const locator = new DataView(new ArrayBuffer(20));
  locator.setUint32(0, 0x07064b50, true);
  locator.setBigUint64(8, BigInt(eocd), true);
  locator.setUint32(16, 1, true);
  const end = zip.slice(eocd);
  const endView = new DataView(end.buffer);
  endView.setUint16(8, visible, true);
  endView.setUint16(10, visible, true);
  endView.setUint32(12, visibleSize, true);
  const out = new Uint8Array(eocd + 56 + 20 + end.length);
  out.set(zip.subarray(0, eocd));
  out.set(new Uint8Array(record.buffer), eocd);
  out.set(new Uint8Array(locator.buffer), eocd + 56);
  out.set(end, eocd + 76);
  return out;
}

/** Both headers of `name` declare `size` unpacked bytes, whatever the entry really inflates to. */
export function withDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const { view, eocd, cdStart } = endOf(out);
  const decoder = new TextDecoder();
  for (let at = cdStart; at < eocd;) {
    const nameLength = view.getUint16(at + 28, true);
    if (decoder.decode(out.subarray(at + 46, at + 46 + nameLength)) === name) {
      view.setUint32(at + 24, size, true);
      view.setUint32(view.getUint32(at + 42, true) + 22, size, true);
      return out;
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  throw new Error(`no entry ${name}`);
}
