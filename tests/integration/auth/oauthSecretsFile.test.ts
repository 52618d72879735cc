// A damaged, truncated or undecryptable OAuth secrets file is set aside like every other data file: the old
// bytes are kept as `<name>.damaged` (never overwritten), the person gets a notice naming the file, and other
// servers can sign in again and stay signed in.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileAuthSecrets } from '../../../app/secrets/index.ts';
import { safeStorageCodec } from '../../../main/electron/safeStorageCodec.ts';
import type { SafeStorageLike } from '../../../main/electron/safeStorageSecrets.ts';
import type { HostDeps } from '../../../app/host/hostDeps.ts';
import { startOAuthFixture, type OAuthFixture } from '../../fixtures/oauthServer.ts';
import { startHarness, type Harness } from '../../support/hostHarness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A stand-in for the OS keychain: like safeStorage, it refuses ciphertext made under another key. */
function keychain(key: number): SafeStorageLike {
  const tag = `k${key}:`;
  return {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (text) => Buffer.concat([Buffer.from(tag), Buffer.from([...Buffer.from(text)].map((b) => b ^ key))]),
    decryptStringAsync: async (buf) => {
      if (!buf.subarray(0, tag.length).equals(Buffer.from(tag)))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: Buffer.from([...buf.subarray(tag.length)].map((b) => b ^ key)).toString(), shouldReEncrypt: false };
    },
  };
}

interface Case {
  name: string;
  file: string;
  /** The store each launch uses (undefined: the host's default, the 0600 JSON file). */
  store(dataDir: string, launch: number): HostDeps['authSecrets'];
  damage(bytes: Buffer): Buffer;
}

const cases: Case[] = [
  {
    name: 'damaged',
    file: 'oauth.secrets.json',
    store: () => undefined,
    damage: (bytes) => Buffer.concat([bytes.subarray(0, 40), Buffer.from('\u0000\u00ff garbage }{'), bytes.subarray(60)]),
  },
  { name: 'truncated', file: 'oauth.secrets.json', store: () => undefined, damage: (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2)) },
  {
    name: 'undecryptable',
    file: 'oauth.secrets.safe',
    // The first launch encrypted under one key; the keychain changed before the second.
    store: (dataDir, launch) => new FileAuthSecrets(dataDir, { codec: safeStorageCodec(keychain(launch === 1 ? 0x21 : 0x42)), fileName: 'oauth.secrets.safe' }),
    damage: (bytes) => bytes,
  },
];

async function signIn(h: Harness, as: OAuthFixture, name: string): Promise<void> {
  await h.waitForServer(name, 'needs-sign-in');
  const start = await h.host.call('servers.signIn', { server: name });
  expect((await as.approve(start.kind === 'open' ? start.url : '')).status).toBe(200);
  await h.waitForServer(name, 'ready');
}

describe('the OAuth secrets file, when it cannot be used', () => {
  for (const c of cases) {
    it(`keeps a ${c.name} file aside, says so naming the file, and other servers sign in and stay signed in`, async () => {
      const as = await startOAuthFixture({ discovery: 'header' });
      cleanups.push(() => as.close());
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-oauth-damaged-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const config = { mcpServers: { first: { type: 'http', url: as.mcpUrl }, second: { type: 'http', url: as.mcpUrl } } };
      const launch = async (n: number) => {
        const store = c.store(dataDir, n);
        const h = await startHarness({ dataDir, config, deps: store ? { authSecrets: store } : {} });
        cleanups.push(() => h.close());
        return h;
      };

      const one = await launch(1);
      await signIn(one, as, 'first');
      await one.close();
      const file = path.join(dataDir, c.file);
      const damaged = c.damage(await readFile(file));
      await writeFile(file, damaged);

      const two = await launch(2);
      const { notices } = await two.host.call('host.info', {});
      const notice = notices.map((n) => n.message).find((m) => m.startsWith(`${c.file} could not be used`));
      expect(notice).toContain(`The old file is kept as ${c.file}.damaged.`);
      expect(await readFile(`${file}.damaged`)).toEqual(damaged);
      await signIn(two, as, 'second');
      await two.close();

      // The next launch: the new sign-in was saved, and the old bytes are still kept aside.
      const three = await launch(3);
      await three.waitForServer('second', 'ready');
      expect(await readFile(`${file}.damaged`)).toEqual(damaged);
    });
  }
});
