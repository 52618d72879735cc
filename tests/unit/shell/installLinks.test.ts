// Electron's side of install links and bundle files, against a stand-in for `app` that records handlers.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundlePathsFromArgv, registerBundleFiles } from '../../../main/electron/bundleFiles.ts';
import { installLinkFromArgv, registerInstallLinks } from '../../../main/electron/installLinks.ts';

type Handler = (...args: unknown[]) => void;

function fakeApp() {
  const handlers = new Map<string, Handler[]>();
  const schemes: string[] = [];
  return {
    schemes,
    setAsDefaultProtocolClient: (scheme: string) => (schemes.push(scheme), true),
    on(event: string, fn: Handler) {
      handlers.set(event, [...(handlers.get(event) ?? []), fn]);
      return this;
    },
    emit(event: string, ...args: unknown[]) {
      for (const fn of handlers.get(event) ?? []) fn(...args);
    },
  };
}

describe('install links in Electron', () => {
  it('finds the link among a second launch’s arguments', () => {
    expect(installLinkFromArgv(['/opt/Switchboard', '--flag', 'switchboard://install?name=x&config=e30='])).toBe('switchboard://install?name=x&config=e30=');
    expect(installLinkFromArgv(['/opt/Switchboard', 'https://example.com'])).toBeUndefined();
  });

  it('registers the scheme and holds links until the core is ready, then delivers them in order', () => {
    const app = fakeApp();
    const delivered: string[] = [];
    const links = registerInstallLinks(app as never, (l) => delivered.push(l));
    expect(app.schemes).toEqual(['switchboard']);
    let prevented = false;
    app.emit('open-url', { preventDefault: () => (prevented = true) }, 'switchboard://install?name=a&config=e30=');
    app.emit('second-instance', {}, ['/opt/Switchboard', 'switchboard://install?name=b&config=e30=']);
    expect(prevented).toBe(true);
    expect(delivered).toEqual([]);
    links.ready();
    app.emit('second-instance', {}, ['/opt/Switchboard', 'switchboard://install?name=c&config=e30=']);
    expect(delivered.map((l) => new URL(l).searchParams.get('name'))).toEqual(['a', 'b', 'c']);
  });
});

describe('bundle files in Electron', () => {
  it('reads opened .mcpb files and delivers their bytes once ready', async () => {
    expect(bundlePathsFromArgv(['/opt/Switchboard', '--x', '/home/a/b.mcpb', 'c.txt'])).toEqual(['/home/a/b.mcpb']);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bundlefile-'));
    try {
      const file = path.join(dir, 'tool.mcpb');
      await writeFile(file, 'zip bytes');
      const app = fakeApp();
      const got: [string, string][] = [];
      const files = registerBundleFiles(
        app as never,
        (name, data) => got.push([name, data]),
        () => undefined,
      );
      app.emit('open-file', { preventDefault: () => undefined }, file);
      expect(got).toEqual([]);
      files.ready();
      await expect.poll(() => got).toEqual([['tool.mcpb', Buffer.from('zip bytes').toString('base64')]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
