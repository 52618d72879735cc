// Local servers in the real OS sandbox (@anthropic-ai/sandbox-runtime: bubblewrap, socat, ripgrep on Linux):
// a hostile server is refused a secret, a write outside its folders and a loopback connection, and each
// refusal shows in its log in words; real servers work under the default policy.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SandboxPolicy, ServerDefinition } from '../../../app/config/serverDefinition.ts';
import { ServerConnection } from '../../../app/servers/serverConnection.ts';
import { ServerSandbox } from '../../../app/servers/serverSandbox.ts';
import { serverBins } from '../../support/paths.ts';
import { eventually } from '../../support/eventually.ts';
import { startNpmRegistry } from '../../support/npmRegistryFixture.ts';
import { fastOptions, fixture, stdio, textOf } from './helpers.ts';

let root: string;
let home: string;
let dataDir: string;
let sandbox: ServerSandbox;
let listener: net.Server;
let listenerPort: number;
let connectionsSeen = 0;
const env = () => ({ PATH: process.env.PATH, HOME: home });

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'sb-sandbox-'));
  home = path.join(root, 'home');
  dataDir = path.join(root, 'data');
  mkdirSync(path.join(home, '.ssh'), { recursive: true });
  writeFileSync(path.join(home, '.ssh', 'id_rsa'), 'CANARY-PRIVATE-KEY');
  mkdirSync(path.join(home, '.aws'), { recursive: true });
  writeFileSync(path.join(home, '.aws', 'config'), '[default]\nregion = eu-west-1\n');
  mkdirSync(path.join(root, 'notes'));
  mkdirSync(path.join(root, 'outside'));
  mkdirSync(dataDir);
  sandbox = new ServerSandbox({ dataDir, home, platform: process.platform, env: env(), rootsOf: () => [] });
  listener = net.createServer((socket) => {
    connectionsSeen++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerPort = (listener.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await sandbox.dispose();
  await new Promise((resolve) => listener.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function connect(def: ServerDefinition): ServerConnection {
  const conn = new ServerConnection(def, { ...fastOptions, env: env(), sandbox });
  cleanups.push(() => conn.stop());
  return conn;
}

function withPolicy(def: ServerDefinition, policy: SandboxPolicy): ServerDefinition {
  if (def.transport.kind !== 'stdio') throw new Error('stdio only');
  return { ...def, transport: { ...def.transport, sandbox: policy } };
}

async function probe(conn: ServerConnection, args: Record<string, string>): Promise<Record<string, { ok: boolean; value?: string; error?: string }>> {
  return JSON.parse(textOf(await conn.callTool('probe', args, { timeoutMs: 15_000 }))) as Record<string, { ok: boolean }>;
}

describe('a sandboxed local server', () => {
  it('is here: bubblewrap, socat and ripgrep are installed, so the tests run the real sandbox', async () => {
    expect(await sandbox.availability()).toEqual({ available: true });
  });

  it('cannot read a secret in ~/.ssh, write outside its folders or reach a loopback listener, and says so in its log', async () => {
    const conn = connect(fixture('hostile', 'hostile-sandbox.mjs'));
    await conn.start();
    expect(conn.state().kind).toBe('ready');
    const outside = path.join(root, 'outside', 'stolen.txt');
    const target = `127.0.0.1:${listenerPort}`;
    const result = await probe(conn, { read: path.join(home, '.ssh', 'id_rsa'), write: outside, connect: target });

    expect(result.read).toMatchObject({ ok: false });
    expect(JSON.stringify(result)).not.toContain('CANARY');
    expect(result.write).toMatchObject({ ok: false });
    expect(existsSync(outside)).toBe(false);
    expect(result.connect).toMatchObject({ ok: false });
    expect(connectionsSeen).toBe(0);

    const expected = ['blocked reading ~/.ssh/id_rsa', `blocked writing ${outside}`, `blocked connecting to ${target}`];
    const texts = () => conn.logs().map((l) => l.text);
    await eventually(
      () => expected.every((text) => texts().includes(`sandbox: ${text}`)),
      () => `the three refusals in the log: ${JSON.stringify(texts())}`,
    );
    const status = sandbox.status('hostile', conn.definition.transport, await sandbox.availability());
    expect(status?.kind).toBe('sandboxed');
    expect(status?.blocked).toEqual(
      expect.arrayContaining([
        { text: expected[0], allow: { kind: 'read', value: '~/.ssh/id_rsa' } },
        { text: expected[1], allow: { kind: 'write', value: path.join(root, 'outside') } },
        { text: expected[2], allow: { kind: 'domain', value: target } },
      ]),
    );
  }, 60_000);

  it('reads and writes what its policy allows, and its own folder and temp folder', async () => {
    const notes = path.join(root, 'notes');
    const conn = connect(withPolicy(fixture('allowed', 'hostile-sandbox.mjs'), { readable: ['~/.aws'], writable: [notes], domains: [] }));
    await conn.start();
    const read = await probe(conn, { read: path.join(home, '.aws', 'config'), write: path.join(notes, 'ok.txt') });
    expect(read.read).toMatchObject({ ok: true, value: expect.stringContaining('eu-west-1') });
    expect(read.write).toMatchObject({ ok: true });
    expect(readFileSync(path.join(notes, 'ok.txt'), 'utf8')).toBe('written by the server');
    const own = path.join(dataDir, 'servers', 'allowed', 'state.json');
    expect((await probe(conn, { write: own })).write).toMatchObject({ ok: true });
    expect(existsSync(own)).toBe(true);
    // Other servers' folders and Switchboard's own files stay hidden.
    writeFileSync(path.join(dataDir, 'secrets.json'), '{"x":"CANARY-SECRETS"}');
    const secrets = await probe(conn, { read: path.join(dataDir, 'secrets.json') });
    expect(secrets.read).toMatchObject({ ok: false });
  }, 60_000);

  it('runs unsandboxed only when its entry says "sandbox": false, and says so', async () => {
    const def = fixture('open', 'hostile-sandbox.mjs');
    if (def.transport.kind !== 'stdio') throw new Error('stdio');
    const conn = connect({ ...def, transport: { ...def.transport, sandbox: false } });
    await conn.start();
    const result = await probe(conn, { read: path.join(home, '.ssh', 'id_rsa') });
    expect(result.read).toMatchObject({ ok: true, value: 'CANARY-PRIVATE-KEY' });
    expect(conn.logs().map((l) => l.text)).toContain('not sandboxed: its entry says "sandbox": false');
  }, 60_000);
});

describe('real servers under the default policy', () => {
  it('server-everything answers echo', async () => {
    const conn = connect(stdio('everything', serverBins.everything, ['stdio']));
    await conn.start();
    expect(conn.state().kind).toBe('ready');
    expect(textOf(await conn.callTool('echo', { message: 'boxed' }, { timeoutMs: 10_000 }))).toContain('boxed');
    expect(conn.logs().some((l) => l.text.startsWith('sandboxed: '))).toBe(true);
  }, 60_000);

  it('server-filesystem writes and reads in the folder it was given (the preset makes its folder writable)', async () => {
    const folder = path.join(root, 'fs-folder');
    mkdirSync(folder);
    const conn = connect(stdio('filesystem', serverBins.filesystem, [folder]));
    await conn.start();
    const file = path.join(folder, 'hello.txt');
    await conn.callTool('write_file', { path: file, content: 'from the sandbox' }, { timeoutMs: 10_000 });
    expect(readFileSync(file, 'utf8')).toBe('from the sandbox');
    expect(textOf(await conn.callTool('read_text_file', { path: file }, { timeoutMs: 10_000 }))).toContain('from the sandbox');
  }, 60_000);

  it('an npx first launch downloads its package from the registry into its own folder, inside the sandbox', async () => {
    const registry = await startNpmRegistry();
    cleanups.push(() => registry.close());
    const def: ServerDefinition = {
      name: 'from-npx',
      transport: { kind: 'stdio', command: 'npx', args: ['-y', 'sb-tiny-server@1.0.0'], env: { npm_config_registry: registry.url } },
      disabled: false,
      disabledTools: [],
    };
    const conn = connect(def);
    await conn.start();
    expect(
      conn.state(),
      conn
        .logs()
        .map((l) => l.text)
        .join('\n'),
    ).toMatchObject({ kind: 'ready' });
    expect(textOf(await conn.callTool('hello', {}, { timeoutMs: 10_000 }))).toBe('hello from npx');
    expect(registry.requests).toContain('/sb-tiny-server/-/sb-tiny-server-1.0.0.tgz');
    expect(conn.logs().map((l) => l.text)).toContain(
      `sandboxed: writes ${path.join(dataDir, 'servers', 'from-npx')}, ${path.join(dataDir, 'servers', 'from-npx', 'tmp')}; network ${registry.hostPort}`,
    );
    expect(existsSync(path.join(dataDir, 'servers', 'from-npx', 'npm-cache', '_npx'))).toBe(true);
  }, 120_000);

  it('server-memory keeps its memory file in its own folder', async () => {
    const conn = connect(stdio('memory', serverBins.memory));
    await conn.start();
    await conn.callTool(
      'create_entities',
      { entities: [{ name: 'Ada', entityType: 'person', observations: ['wrote the first program'] }] },
      { timeoutMs: 10_000 },
    );
    const file = path.join(dataDir, 'servers', 'memory', 'memory.jsonl');
    expect(readFileSync(file, 'utf8')).toContain('Ada');
  }, 60_000);
});

describe('where there is no sandbox', () => {
  it('does not start a server, and says "not sandboxed" and why, when bubblewrap, socat or ripgrep is missing', async () => {
    const none = new ServerSandbox({ dataDir, home, platform: 'linux', env: { PATH: path.join(root, 'no-tools'), HOME: home }, rootsOf: () => [] });
    const availability = await none.availability();
    expect(availability).toEqual({
      available: false,
      reason: 'The sandbox needs bwrap (install bubblewrap), socat (install socat), rg (install ripgrep), which are not on PATH.',
    });
    const conn = new ServerConnection(fixture('unboxed', 'hostile-sandbox.mjs'), { ...fastOptions, env: env(), sandbox: none });
    cleanups.push(() => conn.stop());
    await conn.start();
    const state = conn.state();
    expect(state.kind).toBe('error');
    expect(state.kind === 'error' ? state.message : '').toMatch(
      /^Not sandboxed: The sandbox needs bwrap .* choose "Run without a sandbox" for unboxed on its page\.$/,
    );
    expect(conn.pid()).toBeUndefined();
    expect(none.status('unboxed', conn.definition.transport, none.known())).toMatchObject({
      kind: 'unavailable',
      reason: availability.available ? '' : availability.reason,
    });
    await none.dispose();
  });

  it('says so on Windows, where Switchboard does not set the sandbox up', async () => {
    const windows = new ServerSandbox({ dataDir, home, platform: 'win32', env: env(), rootsOf: () => [] });
    expect(await windows.availability()).toMatchObject({ available: false, reason: expect.stringMatching(/Windows/) });
  });
});
