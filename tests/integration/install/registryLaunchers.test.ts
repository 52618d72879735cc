// PyPI and Docker registry packages, installed and started: `uvx` and `docker` are recording stand-ins put
// first on the servers' PATH (tests/fixtures/launchers/record-and-run.mjs). Each records the command line and
// environment Switchboard started it with, then runs a real MCP server, so the entry reaches ready.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/hostHarness.ts';
import { startRegistryFixture } from '../../support/registryFixture.ts';
import { fixturesDir, nodeBin } from '../../support/paths.ts';
import { useTempDirs } from '../../support/tempDir.ts';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((c) => c()));
});

/** A bin folder with recording `uvx` and `docker`, each becoming server-memory; the host's PATH is that folder, then the system's (where the sandbox's tools are). */
async function setup(): Promise<{ h: Harness }> {
  const bin = await tempDir();
  const recorder = path.join(fixturesDir, 'launchers', 'record-and-run.mjs');
  for (const name of ['uvx', 'docker']) {
    await writeFile(path.join(bin, name), `#!/bin/sh\nexec '${nodeBin}' '${recorder}' "$0" "$@"\n`);
    await chmod(path.join(bin, name), 0o755);
  }
  const registry = await startRegistryFixture();
  const h = await startHarness({ env: { PATH: `${bin}:/usr/bin:/bin` }, deps: { home: await tempDir(), platform: 'linux' }, approveLaunches: false });
  cleanup.push(
    () => h.close(),
    () => registry.close(),
  );
  await h.host.call('registry.setUrl', { url: registry.url });
  return { h };
}

/** What the stand-in recorded; it ran in the sandbox, which lets it write only its own temp folder. */
async function recorded(h: Harness, server: string, name: string): Promise<{ argv: string[]; env: Record<string, string> }> {
  const { args, env } = JSON.parse(await readFile(path.join(h.dataDir, 'servers', server, 'tmp', `${name}.json`), 'utf8'));
  return { argv: args, env };
}

describe('registry packages that run through a launcher', () => {
  it('starts a PyPI package as `uvx name==version` with its env, after launch approval', async () => {
    const { h } = await setup();
    const view = await h.host.call('registry.install', {
      server: 'io.github.example/weather-mcp',
      version: '0.5.0',
      option: 'package:0',
      values: { 'env:WEATHER_API_KEY': 'wk-pypi-secret-1' },
    });
    expect(view.launch).toMatchObject({ approved: false, commandLine: 'uvx weather-mcp-server==0.5.0' });
    await h.host.call('servers.approveLaunch', { server: 'weather-mcp', fingerprint: view.launch.fingerprint });
    await h.waitForServer('weather-mcp', 'ready');
    const { argv, env } = await recorded(h, 'weather-mcp', 'uvx');
    expect(argv).toEqual(['weather-mcp-server==0.5.0']);
    // The secret came out of the secret store; the default came from the registry entry.
    expect(env).toMatchObject({ WEATHER_API_KEY: 'wk-pypi-secret-1', WEATHER_UNITS: 'celsius' });
  });

  it('starts an OCI image as `docker run -i --rm …` passing its env by name, after launch approval', async () => {
    const { h } = await setup();
    const view = await h.host.call('registry.install', {
      server: 'io.github.example/database-manager',
      version: '3.1.0',
      option: 'package:0',
      values: { 'env:DB_PASSWORD': 'db-oci-secret-2' },
    });
    expect(view.launch.approved).toBe(false);
    await h.host.call('servers.approveLaunch', { server: 'database-manager', fingerprint: view.launch.fingerprint });
    await h.waitForServer('database-manager', 'ready');
    const { argv, env } = await recorded(h, 'database-manager', 'docker');
    expect(argv).toEqual(['run', '-i', '--rm', '--network', 'host', '-e', 'DB_PASSWORD', 'example/database-manager-mcp:3.1.0', '--host', 'localhost']);
    // `-e DB_PASSWORD` hands docker the value from its own environment: the container gets it, the command line never shows it.
    expect(env.DB_PASSWORD).toBe('db-oci-secret-2');
    expect(argv.join(' ')).not.toContain('db-oci-secret-2');
  });
});
