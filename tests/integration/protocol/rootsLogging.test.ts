// Roots the person chooses, sent to servers on request and announced when they change; log levels per server.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything, resultText, startProtocolHarness, type ProtocolHarness } from './protocolHarness.ts';

let p: ProtocolHarness;
let folders: string;

beforeAll(async () => {
  folders = await mkdtemp(path.join(os.tmpdir(), 'switchboard-roots-'));
  p = await startProtocolHarness({ everything: everything(), other: everything() });
});

afterAll(async () => {
  await p?.close();
  await rm(folders, { recursive: true, force: true });
});

describe('roots', () => {
  it('starts with none, and sends the chosen folders as file:// roots after announcing the change', async () => {
    expect(await p.h.host.call('roots.get', {})).toEqual({ global: [], perServer: {} });
    const shared = path.join(folders, 'shared work');
    const mine = path.join(folders, 'only-everything');
    const view = await p.h.host.call('roots.set', { global: [shared], perServer: { everything: [mine] } });
    expect(view).toEqual({ global: [shared], perServer: { everything: [mine] } });
    expect(p.seen('roots.changed').at(-1)).toEqual(view);
    expect(JSON.parse(await readFile(path.join(p.h.dataDir, 'roots.json'), 'utf8'))).toEqual(view);

    // server-everything asks for the roots again when told they changed, and logs how many it got.
    await p.waitForEvent('servers.log', (e) => e.server === 'everything' && e.line.text.includes('Roots updated: 2 root(s)'));
    await p.waitForEvent('servers.log', (e) => e.server === 'other' && e.line.text.includes('Roots updated: 1 root(s)'));
    const id = await p.callTool('everything__get-roots-list', {});
    const text = resultText(await p.settledCall(id));
    expect(text).toContain(pathToFileURL(shared).href);
    expect(text).toContain(pathToFileURL(mine).href);
    expect(text).toContain('1. shared work');
    await p.h.waitForTurn(id);
  });

  it('refuses folders that are not full paths', async () => {
    await expect(p.h.host.call('roots.set', { global: ['relative/dir'], perServer: {} })).rejects.toMatchObject({
      code: 'invalid-params',
      issues: [{ path: 'global[0]' }],
    });
  });
});

describe('logging', () => {
  it("sets a server's log level, which the server respects, and shows it in the server view", async () => {
    const uri = 'demo://resource/static/document/instructions.md';
    expect(await p.h.host.call('logging.setLevel', { server: 'everything', level: 'emergency' })).toEqual({ server: 'everything', level: 'emergency' });
    expect((await p.h.host.call('servers.list', {})).find((s) => s.name === 'everything')!.logLevel).toBe('emergency');
    // The server logs every subscribe and unsubscribe at level info: the first is below the level, the second is not.
    await p.h.host.call('resources.subscribe', { server: 'everything', uri });
    await p.h.host.call('logging.setLevel', { server: 'everything', level: 'info' });
    await p.h.host.call('resources.unsubscribe', { server: 'everything', uri });
    const line = await p.waitForEvent('servers.log', (e) => e.server === 'everything' && e.line.text.includes('Received Unsubscribe Resource request'));
    expect(line.line).toMatchObject({ level: 'info', source: 'server' });
    const logged = (await p.h.host.call('servers.logs', { server: 'everything' })).map((l) => l.text);
    expect(logged.some((t) => t.includes('Received Subscribe Resource request'))).toBe(false);
  });

  it('refuses a log level for a server that is not connected', async () => {
    await p.h.host.call('servers.stop', { server: 'other' });
    await expect(p.h.host.call('logging.setLevel', { server: 'other', level: 'debug' })).rejects.toMatchObject({ code: 'unavailable' });
  });
});
