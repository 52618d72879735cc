// The config file on disk: atomic saves that keep unknown fields, never overwriting a half-edited file, watching.
import { afterEach, describe, expect, it } from 'vitest';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, renameSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigStore } from '../../../app/config/configStore.ts';
import type { LoadedConfig } from '../../../app/config/configLoader.ts';
import { HostError } from '../../../app/api/errors.ts';

const dirs: string[] = [];
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(content?: unknown): { dir: string; file: string; store: ConfigStore } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sb-config-'));
  dirs.push(dir);
  const file = path.join(dir, 'config.json');
  if (content !== undefined) writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return { dir, file, store: new ConfigStore(file, { debounceMs: 50 }) };
}

/** Writes like an editor: a new file renamed over the old one. */
function editorSave(file: string, content: unknown): void {
  const tmp = `${file}.editor~`;
  writeFileSync(tmp, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  renameSync(tmp, file);
}

function nextChange(store: ConfigStore): Promise<LoadedConfig> {
  return new Promise((resolve) => {
    const stop = store.watch((config) => {
      stop();
      resolve(config);
    });
    stops.push(stop);
  });
}

const memory = { command: 'node', args: ['memory.js'] };

describe('ConfigStore', () => {
  it('treats a missing file as no servers, not an error', async () => {
    const { store } = setup();
    expect(await store.load()).toEqual({ definitions: [], issues: [], raw: {} });
  });

  it('keeps the last good config and reports the file error when the file stops parsing', async () => {
    const { file, store } = setup({ mcpServers: { memory } });
    await store.load();
    writeFileSync(file, '{ "mcpServers": { "memory": ');
    const loaded = await store.load();
    expect(loaded.fileError).toMatch(/not valid JSON \(line 1, column \d+/);
    expect(loaded.definitions.map((d) => d.name)).toEqual(['memory']);
    expect(store.current()).toBe(loaded);
  });

  it('keeps unknown fields, top level and inside entries, when it saves', async () => {
    const { file, store } = setup({ globalShortcut: 'Ctrl+Space', mcpServers: { memory: { ...memory, note: 'mine', other: { deep: [1, 2] } } } });
    await store.load();
    await store.update((raw) => {
      (raw.mcpServers!.memory as Record<string, unknown>).disabled = true;
      raw.mcpServers!.added = { url: 'https://example.com/mcp' };
    });
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toEqual({
      globalShortcut: 'Ctrl+Space',
      mcpServers: { memory: { ...memory, note: 'mine', other: { deep: [1, 2] }, disabled: true }, added: { url: 'https://example.com/mcp' } },
    });
    expect(store.current().definitions.map((d) => [d.name, d.disabled])).toEqual([
      ['memory', true],
      ['added', false],
    ]);
  });

  it('saves atomically: no temp files are left and a reader never sees a half-written file', async () => {
    const { dir, file, store } = setup({ mcpServers: {} });
    await store.load();
    let writing = true;
    let reads = 0;
    const reader = (async () => {
      while (writing) {
        const text = await readFile(file, 'utf8');
        JSON.parse(text);
        reads++;
      }
    })();
    for (let i = 0; i < 25; i++) {
      await store.update((raw) => {
        raw.mcpServers = { [`s${i}`]: { command: 'node', args: Array.from({ length: 5_000 }, (_, j) => `arg-${i}-${j}`) } };
      });
    }
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).mcpServers)).toEqual(['s24']);
  });

  it('writes through a symlinked config file instead of replacing the link', async () => {
    const { dir, store } = setup();
    const real = path.join(dir, 'dotfiles.json');
    writeFileSync(real, JSON.stringify({ mcpServers: {} }));
    symlinkSync(real, store.path);
    await store.update((raw) => {
      raw.mcpServers!.a = { command: 'a' };
    });
    expect(lstatSync(store.path).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8')).mcpServers).toEqual({ a: { command: 'a' } });
  });

  it('refuses to overwrite a file that does not parse, and leaves it as it is', async () => {
    const { file, store } = setup({ mcpServers: { memory } });
    await store.load();
    const halfEdited = '{ "mcpServers": { "memory": { "command": "node", } ';
    writeFileSync(file, halfEdited);
    const attempt = store.update((raw) => {
      raw.mcpServers = {};
    });
    await expect(attempt).rejects.toBeInstanceOf(HostError);
    await expect(attempt).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('will not overwrite it') });
    expect(readFileSync(file, 'utf8')).toBe(halfEdited);
  });

  it('re-reads the file before an update, so an edit made on disk meanwhile is kept', async () => {
    const { file, store } = setup({ mcpServers: { memory } });
    await store.load();
    editorSave(file, { mcpServers: { memory, fromDisk: { command: 'disk' } } });
    await store.update((raw) => {
      raw.mcpServers!.fromUi = { command: 'ui' };
    });
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).mcpServers)).toEqual(['memory', 'fromDisk', 'fromUi']);
  });

  it('loses neither of two concurrent updates', async () => {
    const { file, store } = setup({ mcpServers: {} });
    await store.load();
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        store.update((raw) => {
          raw.mcpServers![name] = { command: name };
        }),
      ),
    );
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).mcpServers).sort()).toEqual(['a', 'b', 'c']);
  });

  it('picks up an edit made on disk by an editor that replaces the file', async () => {
    const { file, store } = setup({ mcpServers: { memory } });
    await store.load();
    const changed = nextChange(store);
    editorSave(file, { mcpServers: { memory, other: { command: 'other' } } });
    const config = await changed;
    expect(config.definitions.map((d) => d.name)).toEqual(['memory', 'other']);
  });

  it('reports a file that becomes unparseable through the watcher, keeping the last good servers', async () => {
    const { file, store } = setup({ mcpServers: { memory } });
    await store.load();
    const changed = nextChange(store);
    writeFileSync(file, '{ oops');
    const config = await changed;
    expect(config.fileError).toContain('not valid JSON');
    expect(config.definitions.map((d) => d.name)).toEqual(['memory']);
  });

  it('does not report its own writes to the watcher', async () => {
    const { file, store } = setup({ mcpServers: {} });
    await store.load();
    const seen: LoadedConfig[] = [];
    stops.push(store.watch((c) => seen.push(c)));
    await store.update((raw) => {
      raw.mcpServers!.ui = { command: 'ui' };
    });
    const changed = nextChange(store);
    editorSave(file, { mcpServers: { ui: { command: 'ui' }, disk: { command: 'disk' } } });
    await changed;
    // A second edit is the barrier: a report of our own write would have come before its change.
    const barrier = nextChange(store);
    editorSave(file, { mcpServers: { ui: { command: 'ui' } } });
    await barrier;
    expect(seen.map((c) => c.definitions.map((d) => d.name))).toEqual([['ui', 'disk'], ['ui']]);
  });
});
