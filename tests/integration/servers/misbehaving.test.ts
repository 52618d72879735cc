// Misbehaving stdio servers (tests/fixtures): each failure is survived and explained.
import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServerDefinition } from '../../../app/config/serverDefinition.ts';
import { ServerConnection, type ServerConnectionOptions } from '../../../app/servers/serverConnection.ts';
import { isAlive } from '../../../app/servers/processTree.ts';
import { fastOptions, fixture, hostEnv, poll, textOf, waitForLog, waitForState, waitUntil } from './helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function connect(def: ServerDefinition, options: Partial<ServerConnectionOptions> = {}): ServerConnection {
  const conn = new ServerConnection(def, { ...fastOptions, ...options });
  cleanups.push(() => conn.stop());
  return conn;
}

describe('misbehaving servers', () => {
  it('marks the server as error with the exit code and stderr tail when it exits during initialize', async () => {
    const conn = connect(fixture('crashy', 'crash-on-init.mjs'));
    await conn.start();
    const state = conn.state();
    expect(state.kind).toBe('error');
    if (state.kind !== 'error') return;
    expect(state.exitCode).toBe(3);
    expect(state.message).toMatch(/`crashy` exited with code 3 while starting/);
    expect(state.stderrTail).toContain('crash-on-init: fatal: cannot open database');
    expect(state.retryAt).toBeUndefined();
  });

  it('rejects the call in flight when the server crashes, shows retryAt, and restarts by itself', async () => {
    const conn = connect(fixture('later', 'crash-later.mjs'), { autoRestart: true, backoff: { baseMs: 200, capMs: 200 }, random: () => 1 });
    await conn.start();
    const firstPid = conn.pid();
    const states: string[] = [];
    conn.onChange(() => states.push(conn.state().kind));
    await expect(conn.callTool('crash', {}, { timeoutMs: 10_000 })).rejects.toThrow(
      '`crash` on `later` did not finish: `later` exited with code 7 unexpectedly. Its last words on stderr: "crash-later: about to crash"; the rest is in its log.',
    );
    const state = conn.state();
    expect(state).toMatchObject({ kind: 'error', exitCode: 7, attempt: 1 });
    if (state.kind === 'error') {
      expect(state.retryAt).toBeGreaterThan(state.since);
      expect(state.stderrTail).toContain('crash-later: about to crash');
    }
    await waitForState(conn, 'ready');
    expect(states).toEqual(['error', 'starting', 'ready']);
    expect(conn.pid()).not.toBe(firstPid);
    expect(textOf(await conn.callTool('echo', {}, { timeoutMs: 10_000 }))).toBe('ok');
  });

  it('restarts manually at any time, cancelling a scheduled retry', async () => {
    const conn = connect(fixture('later', 'crash-later.mjs'), { autoRestart: true, backoff: { baseMs: 60_000, capMs: 60_000 }, random: () => 1 });
    await conn.start();
    await conn.callTool('crash', {}, { timeoutMs: 10_000 }).catch(() => {});
    expect(conn.state()).toMatchObject({ kind: 'error' });
    await conn.restart();
    expect(conn.state().kind).toBe('ready');
  });

  it('stops retrying after the bounded number of attempts and says so', async () => {
    const conn = connect(fixture('crashy', 'crash-on-init.mjs'), { autoRestart: true, backoff: { baseMs: 10, capMs: 10, maxAttempts: 2 } });
    await conn.start();
    await waitUntil(conn, () => conn.state().kind === 'error' && !('retryAt' in conn.state()), 'the last attempt');
    const state = conn.state();
    expect(state).toMatchObject({ kind: 'error', attempt: 3, exitCode: 3 });
    expect(state.kind === 'error' && state.message).toContain('Switchboard stopped retrying after 3 attempts');
  });

  it('leaves no process behind when stopped while still starting', async () => {
    const conn = connect(fixture('slow', 'slow-start.mjs', ['30']));
    const started = conn.start();
    await poll(() => conn.pid() !== undefined, 'the process to spawn');
    const pid = conn.pid()!;
    await conn.stop();
    await started;
    expect(conn.state()).toEqual({ kind: 'stopped' });
    expect(isAlive(pid)).toBe(false);
  });

  it('times out a hung call with a clear message and ignores the late reply', async () => {
    const conn = connect(fixture('hang', 'hang.mjs'));
    await conn.start();
    await expect(conn.callTool('hang', {}, { timeoutMs: 300 })).rejects.toThrow('`hang` on `hang` did not answer within 0.3 s; Switchboard cancelled it.');
    await expect(conn.callTool('late', { ms: 1_500 }, { timeoutMs: 200 })).rejects.toThrow(/did not answer within 0.2 s/);
    await waitForLog(conn, (l) => l.source === 'protocol' && /ignored a late reply/.test(l.text));
    expect(conn.state().kind).toBe('ready');
    const result = await conn.callTool('slow', { steps: 1, ms: 1 }, { timeoutMs: 10_000 });
    expect(textOf(result)).toBe('done after 1 steps');
  });

  it('lets progress notifications reset the timeout, up to the maximum total', async () => {
    const conn = connect(fixture('hang', 'hang.mjs'));
    await conn.start();
    const progress: number[] = [];
    const result = await conn.callTool('slow', { steps: 6, ms: 200 }, { timeoutMs: 900, onProgress: (p) => progress.push(p.progress) });
    expect(textOf(result)).toBe('done after 6 steps');
    // The SDK drops a progress notification that arrives together with the result, so the last may be missing.
    expect(progress.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    await expect(conn.callTool('slow', { steps: 50, ms: 100 }, { timeoutMs: 2_000, maxTotalTimeoutMs: 500 })).rejects.toThrow(
      /did not finish within the maximum of 0.5 s/,
    );
  });

  it('cancels a call when its signal aborts', async () => {
    const conn = connect(fixture('hang', 'hang.mjs'));
    await conn.start();
    const controller = new AbortController();
    const call = conn.callTool('hang', {}, { timeoutMs: 30_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toThrow('`hang` on `hang` was cancelled.');
    expect(conn.state().kind).toBe('ready');
  });

  it('tolerates non-JSON lines on stdout and logs them as warnings', async () => {
    const conn = connect(fixture('junk', 'junk-stdout.mjs'));
    await conn.start();
    expect(conn.state().kind).toBe('ready');
    expect(textOf(await conn.callTool('echo', {}, { timeoutMs: 10_000 }))).toBe('echoed');
    const junk = conn.logs().filter((l) => l.source === 'stdout');
    expect(junk.every((l) => l.level === 'warning')).toBe(true);
    expect(junk.map((l) => l.text).join('\n')).toContain('Starting junk-stdout server v1.0 ...');
    expect(junk.map((l) => l.text).join('\n')).toContain('DEBUG: handling echo');
    expect(junk.some((l) => /not a JSON-RPC message.*"not"/.test(l.text))).toBe(true);
  });

  it('fails a server that never speaks MCP with a message quoting its first stdout line', async () => {
    const conn = connect(fixture('mute', 'never-speaks.mjs'), { initTimeoutMs: 2_500 });
    await conn.start();
    const state = conn.state();
    expect(state.kind).toBe('error');
    if (state.kind !== 'error') return;
    expect(state.message).toContain('did not complete the MCP handshake within 2.5 s');
    expect(state.message).toContain('"Hello, I am not an MCP server"');
    expect(conn.pid()).toBeUndefined();
  });

  it('names the command and the PATH searched when the command does not exist', async () => {
    const conn = connect(
      { name: 'ghost', transport: { kind: 'stdio', command: 'switchboard-no-such-cmd', args: [], env: {} }, disabled: false, disabledTools: [] },
      { env: { PATH: '/usr/bin:/bin' }, autoRestart: true },
    );
    await conn.start();
    expect(conn.state()).toMatchObject({
      kind: 'error',
      message: '`switchboard-no-such-cmd` was not found on PATH (/usr/bin:/bin). Install it or give the full path.',
    });
    expect(conn.state()).not.toHaveProperty('retryAt');
  });

  it('says when the command is not executable', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sb-cmd-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'tool.sh');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o644);
    const conn = connect({
      name: 'noexec',
      transport: { kind: 'stdio', command: 'tool.sh', args: [], env: { PATH: dir } },
      disabled: false,
      disabledTools: [],
    });
    await conn.start();
    const state = conn.state();
    expect(state.kind === 'error' && state.message).toBe(
      `\`tool.sh\` (${file}) is not executable. Make it executable (chmod +x ${file}) or give the right path.`,
    );
  });

  it('keeps the stderr buffer and the log bounded under a stderr flood', async () => {
    const conn = connect(fixture('flood', 'stderr-flood.mjs', ['20000']), { maxLogLines: 300 });
    await conn.start();
    const heapBefore = process.memoryUsage().heapUsed;
    await new Promise<void>((resolve) => {
      let n = 0;
      const off = conn.onLog((line) => {
        if (line.source === 'stderr' && ++n >= 5_000) {
          off();
          resolve();
        }
      });
    });
    // 5,000 lines of ~190 bytes went by; the log keeps only the newest 300.
    expect(conn.logs().length).toBeLessThanOrEqual(300);
    expect(conn.logs().at(-1)!.text).toMatch(/^\d+ noise/);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 2 ** 20);
    expect(textOf(await conn.callTool('echo', {}, { timeoutMs: 10_000 }))).toBe('ok');
  });

  it('receives a result larger than the SDK default 10 MB stdio buffer', async () => {
    const conn = connect(fixture('huge', 'huge-result.mjs', ['12']));
    await conn.start();
    const result = await conn.callTool('huge', {}, { timeoutMs: 30_000 });
    expect(textOf(result).length).toBe(12 * 1024 * 1024);
  });

  it('follows nextCursor through every page of tools/list', async () => {
    const conn = connect(fixture('many', 'many-tools.mjs', ['250', '40']));
    await conn.start();
    const names = conn.tools().map((t) => t.name);
    expect(names).toHaveLength(250);
    expect(new Set(names).size).toBe(250);
    expect(names.at(-1)).toBe('tool_0249');
  });

  it('refreshes the tools on list_changed and logs the server messages', async () => {
    const conn = connect(fixture('dyn', 'list-changed.mjs'));
    await conn.start();
    expect(conn.tools().map((t) => t.name)).toEqual(['add_tool']);
    await conn.callTool('add_tool', { name: 'brand_new' }, { timeoutMs: 10_000 });
    await waitUntil(conn, () => conn.tools().some((t) => t.name === 'brand_new'), 'the new tool');
    expect(conn.logs().some((l) => l.source === 'server' && l.text === '[list-changed] added brand_new')).toBe(true);
  });

  it('keeps the tools it can read and drops the ones the SDK rejects, with a warning', async () => {
    const conn = connect(fixture('collide', 'colliding-tools.mjs'));
    await conn.start();
    const names = conn.tools().map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['search', 'echo', 'search.issues', 'search issues', 'bad_schema']));
    expect(names.some((n) => n.length === 80)).toBe(true);
    expect(names).not.toContain('not_object_schema');
    expect(conn.logs().some((l) => l.level === 'warning' && l.text.startsWith('skipped tool `not_object_schema`'))).toBe(true);
  });

  it('checks structured content against the output schema of a tool it listed leniently', async () => {
    // The SDK's own walk of this list failed (one tool breaks its schema), so its cache holds no tools: the
    // check works because each call hands the SDK the definition the host listed.
    const conn = connect(fixture('collide', 'colliding-tools.mjs'));
    await conn.start();
    expect(conn.tools().find((t) => t.name === 'weather')?.outputSchema).toBeDefined();
    await expect(conn.callTool('weather', { text: 'Oslo' }, { timeoutMs: 10_000 })).rejects.toThrow(/output schema/);
    expect(textOf(await conn.callTool('echo', { text: 'still fine' }, { timeoutMs: 10_000 }))).toBe('echo: {"text":"still fine"}');
  });

  it('never passes ANTHROPIC_API_KEY or NODE_OPTIONS to a server, even when the host env has them', async () => {
    const env = { ...hostEnv, ANTHROPIC_API_KEY: 'sk-ant-secret', NODE_OPTIONS: '--inspect', ELECTRON_RUN_AS_NODE: '1', SOMETHING_ELSE: 'x' };
    const def = fixture('env', 'print-env.mjs');
    if (def.transport.kind === 'stdio') def.transport.env = { MY_SETTING: 'from-entry' };
    const conn = connect(def, { env });
    await conn.start();
    const seen = JSON.parse(textOf(await conn.callTool('env', {}, { timeoutMs: 10_000 }))) as Record<string, string>;
    expect(seen).not.toHaveProperty('ANTHROPIC_API_KEY');
    expect(seen).not.toHaveProperty('NODE_OPTIONS');
    expect(seen).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
    expect(seen).not.toHaveProperty('SOMETHING_ELSE');
    expect(seen.MY_SETTING).toBe('from-entry');
    expect(seen.PATH).toBe(hostEnv.PATH);
  });

  it('takes the allow-listed variables from the env it is given, not from its own process', async () => {
    expect(process.env.HOME).toBeDefined();
    const conn = connect(fixture('env', 'print-env.mjs'), { env: { PATH: hostEnv.PATH } });
    await conn.start();
    const seen = JSON.parse(textOf(await conn.callTool('env', {}, { timeoutMs: 10_000 }))) as Record<string, string>;
    expect(seen).not.toHaveProperty('HOME');
    expect(seen.PATH).toBe(hostEnv.PATH);
  });
});
