// The built preload is one CJS file that runs with nothing but `require('electron')`, as in a
// sandboxed renderer, and exposes exactly `window.host`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { HOST_METHODS } from '../../../app/api/contract.ts';
import { nodeBin, repoRoot } from '../../support/paths.ts';

describe('preload bundle', () => {
  it('loads with only electron available and exposes one function per method', () => {
    execFileSync(nodeBin, [path.join(repoRoot, 'scripts/build.mjs'), 'preload'], { cwd: repoRoot, stdio: 'pipe' });
    const code = readFileSync(path.join(repoRoot, 'out/preload/preload.cjs'), 'utf8');
    const exposed: Record<string, unknown> = {};
    const required: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
      ipcRenderer: { invoke: async () => ({ ok: true, result: null }), on() {}, send() {} },
    };
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require "${id}"`);
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['host']);
    const host = exposed.host as Record<string, unknown>;
    for (const method of HOST_METHODS) expect(typeof host[method], method).toBe('function');
  });
});
