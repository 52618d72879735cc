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
