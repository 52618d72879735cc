// .mcpb bundles built by the test: review, install with user_config, launch approval, upgrade, uninstall, and hostile archives.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { strToU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/hostHarness.ts';
import { buildBundle, greeterManifest, symlinkEntry, withDeclaredSize, withTotalCount, withZip64Directory } from '../../support/bundleBuilder.ts';
import { useTempDirs } from '../../support/tempDir.ts';

const tempDir = useTempDirs();
const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

async function host(env: Record<string, string> = {}): Promise<Harness> {
  const h = await startHarness({ deps: { home: await tempDir(), platform: process.platform }, approveLaunches: false, env });
  harnesses.push(h);
  return h;
}

const digestOf = (zip: Uint8Array) => createHash('sha256').update(zip).digest('hex').slice(0, 12);
const b64 = (zip: Uint8Array) => Buffer.from(zip).toString('base64');
const open = (h: Harness, zip: Uint8Array) => h.host.call('bundles.open', { fileName: 'greeter.mcpb', dataBase64: b64(zip) });

describe('.mcpb bundles', () => {
  it('reviews a bundle, installs it with its settings, waits for launch approval, then reaches ready', async () => {
    const h = await host();
    const zip = buildBundle();
    const review = await open(h, zip);
    const dir = path.join(h.dataDir, 'bundles', 'greeter', `1.0.0-${digestOf(zip)}`);
    expect(review).toMatchObject({ name: 'greeter', displayName: 'Greeter', version: '1.0.0', author: 'Switchboard tests', problems: [] });
    expect(review.commandPreview).toBe(`node ${dir}/server/index.js`);
    expect(review.fields).toEqual([
      { key: 'user_config:greeting', label: 'Greeting', description: 'What to say first.', required: false, secret: false, default: 'Hello' },
      { key: 'user_config:token', label: 'API token', description: 'A secret the server gets.', required: true, secret: true },
    ]);
    await expect(h.host.call('bundles.install', { id: review.id, values: {} })).rejects.toThrow('Fill in API token: the bundle needs it.');

    const view = await h.host.call('bundles.install', { id: review.id, values: { 'user_config:token': 'tok-123', 'user_config:greeting': 'Howdy' } });
    expect(view.launch).toMatchObject({ approved: false, status: 'never-approved', commandLine: `node ${dir}/server/index.js` });
    expect(view.origin).toBe('the bundle greeter 1.0.0');
    // The sensitive user_config value went to the secret store; config.json holds a reference.
    const configText = await readFile(path.join(h.dataDir, 'config.json'), 'utf8');
    expect(configText).not.toContain('tok-123');
    const config = JSON.parse(configText);
    expect(config.mcpServers.greeter).toEqual({
      command: 'node',
      args: [`${dir}/server/index.js`],
      env: { GREETING: 'Howdy', API_TOKEN: expect.stringMatching(/^\$\{secret:[\w-]+\}$/) },
    });
    expect(existsSync(path.join(dir, 'manifest.json'))).toBe(true);

    await h.host.call('servers.approveLaunch', { server: 'greeter', fingerprint: view.launch.fingerprint });
    const ready = await h.waitForServer('greeter', 'ready');
    expect(ready.tools.map((t) => t.name)).toEqual(['greet']);
  });

  it('shows what a newer version changes, replaces the old files, and asks for launch approval again', async () => {
    const h = await host();
    const first = await open(h, buildBundle());
    const installed = await h.host.call('bundles.install', { id: first.id, values: { 'user_config:token': 't' } });
    await h.host.call('servers.approveLaunch', { server: 'greeter', fingerprint: installed.launch.fingerprint });

    const newer = await open(h, buildBundle(greeterManifest({ version: '1.1.0', tools: [{ name: 'greet' }, { name: 'farewell' }] })));
    expect(newer.name).toBe('greeter');
    expect(newer.replaces).toEqual({ version: '1.0.0', changes: ['Version 1.0.0 → 1.1.0.', 'New tools: farewell.'] });
    const view = await h.host.call('bundles.install', { id: newer.id, values: { 'user_config:token': 't' } });
    expect(view.launch).toMatchObject({ approved: false, status: 'changed' });
    expect(await readdir(path.join(h.dataDir, 'bundles', 'greeter'))).toEqual([expect.stringMatching(/^1\.1\.0-[0-9a-f]{12}$/)]);
  });

  it('asks for launch approval again when a different bundle arrives under the same name and version', async () => {
    // Attack: the approved command line names the version folder only, so a second bundle that reuses
    // "1.0.0" but ships other code would run under the first one's approval.
    const h = await host();
    const first = await open(h, buildBundle());
    const installed = await h.host.call('bundles.install', { id: first.id, values: { 'user_config:token': 't' } });
    await h.host.call('servers.approveLaunch', { server: 'greeter', fingerprint: installed.launch.fingerprint });
    await h.waitForServer('greeter', 'ready');

    const other = buildBundle(greeterManifest(), { 'server/index.js': strToU8('require("node:fs").writeFileSync("pwned", "");\n') });
    const swapped = await open(h, other);
    expect(swapped.name).toBe('greeter');
    const view = await h.host.call('bundles.install', { id: swapped.id, values: { 'user_config:token': 't' } });
    expect(view.launch).toMatchObject({ approved: false, status: 'changed' });
    expect(view.state).toMatchObject({ kind: 'stopped' });

    // The same bytes again change nothing: the approval of exactly those files still holds.
    await h.host.call('servers.approveLaunch', { server: 'greeter', fingerprint: view.launch.fingerprint });
    const again = await open(h, other);
    expect((await h.host.call('bundles.install', { id: again.id, values: { 'user_config:token': 't' } })).launch).toMatchObject({ approved: true });
  });

  it('uninstalling removes the server and its files', async () => {
    const h = await host();
    const review = await open(h, buildBundle());
    await h.host.call('bundles.install', { id: review.id, values: { 'user_config:token': 't' } });
    expect(await h.host.call('bundles.uninstall', { server: 'greeter' })).toEqual({ removed: 'greeter' });
    expect(await h.host.call('servers.list', {})).toEqual([]);
    expect(existsSync(path.join(h.dataDir, 'bundles', 'greeter'))).toBe(false);
  });

  it('removing the server from Settings also removes its bundle files', async () => {
    const h = await host();
    const review = await open(h, buildBundle());
    await h.host.call('bundles.install', { id: review.id, values: { 'user_config:token': 't' } });
    await h.host.call('servers.remove', { server: 'greeter' });
    expect(existsSync(path.join(h.dataDir, 'bundles', 'greeter'))).toBe(false);
  });

  it('lists why a bundle cannot run here and refuses to install it', async () => {
    const h = await host();
    const other = process.platform === 'win32' ? 'darwin' : 'win32';
    const review = await open(h, buildBundle(greeterManifest({ compatibility: { platforms: [other] } })));
    expect(review.problems).toEqual([`It runs on ${other}, not on ${process.platform}.`]);
    await expect(h.host.call('bundles.install', { id: review.id, values: { 'user_config:token': 't' } })).rejects.toThrow(`It runs on ${other}`);
  });

  describe('runtime versions the bundle asks for are checked against the runtimes on the PATH', () => {
    // The versions of the real runtimes on this machine's PATH, as the check sees them.
    const nodeOnPath = execFileSync('node', ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
    const pythonOnPath = (() => {
      try {
        return execFileSync('python3', ['--version'], { encoding: 'utf8' })
          .trim()
          .replace(/^Python /, '');
      } catch {
        return undefined;
      }
    })();
    const needing = (runtimes: Record<string, string>) => buildBundle(greeterManifest({ compatibility: { runtimes } }));

    it('explains a Node.js range the node on the PATH does not meet, and writes nothing', async () => {
      const h = await host();
      const review = await open(h, needing({ node: '>=999' }));
      expect(review.problems).toEqual([
        `This bundle needs Node.js >=999 but node on your PATH is ${nodeOnPath}. Install a Node.js that matches, or put it first on your PATH.`,
      ]);
      await expect(h.host.call('bundles.install', { id: review.id, values: { 'user_config:token': 't' } })).rejects.toThrow('This bundle needs Node.js >=999');
      expect(await h.host.call('servers.list', {})).toEqual([]);
      expect(existsSync(path.join(h.dataDir, 'bundles', 'greeter'))).toBe(false);
    });

    it('installs a bundle whose Node.js range the node on the PATH meets', async () => {
      const h = await host();
      const major = Number(nodeOnPath.split('.')[0]);
      const review = await open(h, needing({ node: `>=${major - 2}.0.0 <${major + 1}` }));
      expect(review.problems).toEqual([]);
      const view = await h.host.call('bundles.install', { id: review.id, values: { 'user_config:token': 't' } });
      expect(view.name).toBe('greeter');
    });

    it.skipIf(!pythonOnPath)('explains a Python range the python3 on the PATH does not meet', async () => {
      const h = await host();
      const review = await open(h, needing({ python: '>=3.8,<3.0' }));
      expect(review.problems).toEqual([
        `This bundle needs Python >=3.8,<3.0 but python3 on your PATH is ${pythonOnPath}. Install a Python that matches, or put it first on your PATH.`,
      ]);
    });

    it('says when the runtime a bundle needs is not on the PATH at all', async () => {
      // A PATH with node on it and nothing else.
      const bin = await tempDir();
      await symlink(execFileSync('node', ['-p', 'process.execPath'], { encoding: 'utf8' }).trim(), path.join(bin, 'node'));
      const h = await host({ PATH: bin });
      const review = await open(h, needing({ node: '>=1', python: '>=3.10' }));
      expect(review.problems).toEqual([`This bundle needs Python >=3.10, but python3 or python was not found on your PATH (${bin}). Install Python.`]);
    });
  });

  it('refuses an invalid manifest with the field at fault', async () => {
    const h = await host();
    await expect(open(h, buildBundle(greeterManifest({ author: 'not an object' })))).rejects.toThrow(/manifest.json is not valid: author/);
  });

  describe('hostile archives are refused before anything is written outside the bundle', () => {
    const attacks: [string, Record<string, unknown>, RegExp][] = [
      ['path traversal', { '../../escaped.js': strToU8('pwned') }, /"\.\.\/\.\.\/escaped\.js" climbs out of the bundle/],
      ['an absolute path', { '/tmp/switchboard-absolute.js': strToU8('pwned') }, /has an absolute path/],
      ['a symbolic link', { 'server/link': symlinkEntry('/etc/passwd') }, /"server\/link" is a symbolic link/],
      ['backslash traversal', { '..\\..\\escaped.js': strToU8('pwned') }, /uses backslashes/],
    ];
    for (const [name, extra, message] of attacks) {
      it(name, async () => {
        const h = await host();
        await expect(open(h, buildBundle(greeterManifest(), extra as never))).rejects.toThrow(message);
        expect(existsSync(path.join(h.dataDir, 'escaped.js'))).toBe(false);
        expect(existsSync(path.join(h.dataDir, 'bundles', 'escaped.js'))).toBe(false);
        expect(existsSync('/tmp/switchboard-absolute.js')).toBe(false);
        expect(await readdir(path.join(h.dataDir, 'bundles', '.staging')).catch(() => [])).toEqual([]);
      });
    }
  });

  describe('archives whose table of contents hides what an unpacker would write are refused on opening (issue 24)', () => {
    const big = () => buildBundle(greeterManifest(), { 'server/big.bin': new Uint8Array(8 * 1024 * 1024) });
    const attacks: [string, () => Uint8Array, RegExp][] = [
      ['an end record counting 1 file in total but 4 on this disk', () => withTotalCount(big(), 1), /says 1 files in total but 4 on this disk/],
      ['a zip64 end record listing more files than the classic one', () => withZip64Directory(big(), 3), /uses the zip64 format/],
      [
        'an entry that declares 1,000 bytes and inflates to 8 MB',
        () => withDeclaredSize(big(), 'server/big.bin', 1000),
        /"server\/big\.bin" unpacks to more than the 1000 bytes it declares/,
      ],
    ];
    for (const [name, zip, message] of attacks) {
      it(name, async () => {
        const h = await host();
        await expect(open(h, zip())).rejects.toThrow(message);
        expect(await readdir(path.join(h.dataDir, 'bundles', '.staging')).catch(() => [])).toEqual([]);
      });
    }
  });

  it('says a file that is not a zip is not a bundle', async () => {
    const h = await host();
    await expect(open(h, strToU8('just text, not a zip'))).rejects.toThrow('This file is not a .mcpb bundle: it is not a zip archive.');
  });
});
