// The small pure pieces: backoff, the stderr ring, the stdout line buffer, the safe environment, command lookup.
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Backoff } from '../../../app/base/backoff.ts';
import { StderrBuffer } from '../../../app/servers/stderrBuffer.ts';
import { deserializeMessage, LineReadBuffer } from '../../../app/servers/lineReadBuffer.ts';
import { safeEnvironment } from '../../../app/servers/safeEnvironment.ts';
import { describePath, resolveCommand } from '../../../app/servers/commandResolver.ts';
import { ConnectionLog, MAX_LINE_CHARS } from '../../../app/servers/connectionLog.ts';

describe('Backoff', () => {
  const policy = { baseMs: 1_000, capMs: 60_000, maxAttempts: 6, stableMs: 60_000 };

  it('grows exponentially up to the cap, with full jitter, and gives up after the attempts', () => {
    const b = new Backoff(policy, () => 1);
    expect([0, 1, 2, 3, 4, 5].map(() => b.next(0))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000]);
    expect(b.next(0)).toBeUndefined();
    const capped = new Backoff({ ...policy, maxAttempts: 10 }, () => 1);
    expect(Array.from({ length: 8 }, () => capped.next(0)).at(-1)).toBe(60_000);
    expect(new Backoff(policy, () => 0.25).next(0)).toBe(250);
  });

  it('starts counting again after a stable uptime, but not after a short one', () => {
    const b = new Backoff(policy, () => 1);
    b.next(0);
    b.next(0);
    b.markReady(1_000);
    expect(b.next(1_000 + 59_999)).toBe(4_000);
    b.markReady(100_000);
    expect(b.next(160_000)).toBe(1_000);
    b.reset();
    expect(b.attempt).toBe(0);
  });
});

describe('StderrBuffer', () => {
  it('splits chunks into lines and keeps a partial line until it is finished', () => {
    const buf = new StderrBuffer();
    expect(buf.write('one\ntw')).toEqual(['one']);
    expect(buf.write('o\r\nthree')).toEqual(['two']);
    expect(buf.flush()).toEqual(['three']);
    expect(buf.tail()).toEqual(['one', 'two', 'three']);
  });

  it('is bounded by line count, by bytes, and cuts long lines', () => {
    const buf = new StderrBuffer({ maxLines: 3, maxBytes: 1_000, maxLineChars: 10 });
    buf.write('a\nb\nc\nd\n');
    expect(buf.tail()).toEqual(['b', 'c', 'd']);
    const [cut] = buf.write(`${'x'.repeat(25)}\n`);
    expect(cut).toBe('xxxxxxxxxx… [15 more characters cut]');
    const small = new StderrBuffer({ maxLines: 100, maxBytes: 20, maxLineChars: 100 });
    small.write('0123456789\n0123456789\n0123456789\n');
    expect(small.tail()).toHaveLength(2);
    const huge = new StderrBuffer({ maxLineChars: 50 });
    huge.write('y'.repeat(10_000));
    expect(huge.tail()[0]!.length).toBeLessThan(100);
  });
});

describe('LineReadBuffer', () => {
  it('returns JSON-RPC messages across chunks and reports junk lines without throwing', () => {
    const junk: string[] = [];
    const buf = new LineReadBuffer(1_000, (line, reason) => junk.push(`${reason}: ${line}`));
    buf.append(Buffer.from('hello world\n{"jsonrpc":"2.0","id":1,"res'));
    buf.append(Buffer.from('ult":{}}\n\n{"a":1}\n'));
    expect(buf.readMessage()).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
    expect(buf.readMessage()).toBeNull();
    expect(junk).toEqual(['not JSON: hello world', 'not a JSON-RPC message: {"a":1}']);
  });

  it('throws when one line grows past the limit', () => {
    const buf = new LineReadBuffer(10, () => {});
    expect(() => buf.append(Buffer.from('x'.repeat(11)))).toThrow(/larger than/);
  });
});

describe('safeEnvironment', () => {
  it('keeps only the SDK allow-list from the host env, then adds the entry env', () => {
    const host = { PATH: '/bin', HOME: '/home/a', ANTHROPIC_API_KEY: 'sk', NODE_OPTIONS: '--x', ELECTRON_RUN_AS_NODE: '1', SHELL: '() { evil; }' };
    expect(safeEnvironment(host, { TOKEN: 't' }, 'linux')).toEqual({ PATH: '/bin', HOME: '/home/a', TOKEN: 't' });
  });

  it('matches Windows keys without regard to case', () => {
    expect(safeEnvironment({ Path: 'C:\\bin', APPDATA: 'C:\\a', ANTHROPIC_API_KEY: 'x' }, {}, 'win32')).toEqual({ PATH: 'C:\\bin', APPDATA: 'C:\\a' });
  });
});

describe('resolveCommand', () => {
  it('finds an executable on the given PATH, and explains a missing or non-executable one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sb-resolve-'));
    try {
      writeFileSync(path.join(dir, 'good'), '#!/bin/sh\n');
      chmodSync(path.join(dir, 'good'), 0o755);
      writeFileSync(path.join(dir, 'bad'), '#!/bin/sh\n');
      chmodSync(path.join(dir, 'bad'), 0o644);
      expect(resolveCommand('good', { PATH: `/nonexistent:${dir}` }, 'linux')).toEqual({ ok: true, path: path.join(dir, 'good') });
      expect(resolveCommand('bad', { PATH: dir }, 'linux')).toMatchObject({ ok: false, message: expect.stringContaining('chmod +x') });
      expect(resolveCommand('nope', { PATH: dir }, 'linux')).toEqual({
        ok: false,
        message: `\`nope\` was not found on PATH (${dir}). Install it or give the full path.`,
      });
      expect(resolveCommand('./good', {}, 'linux', dir)).toEqual({ ok: true, path: path.join(dir, 'good') });
      expect(resolveCommand(path.join(dir, 'missing'), {}, 'linux')).toMatchObject({ ok: false, message: expect.stringContaining('does not exist') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('describePath', () => {
  it('keeps a short PATH whole and cuts a long one to its ends with a count, without duplicates', () => {
    expect(describePath('/usr/bin:/bin:/usr/bin', 'linux')).toBe('/usr/bin:/bin');
    const long = Array.from({ length: 12 }, (_, i) => `/opt/tool-${i}/with/a/fairly/long/bin`).join(':');
    expect(describePath(long, 'linux')).toBe(
      '/opt/tool-0/with/a/fairly/long/bin:/opt/tool-1/with/a/fairly/long/bin: … 8 more … :/opt/tool-10/with/a/fairly/long/bin:/opt/tool-11/with/a/fairly/long/bin',
    );
    expect(describePath('', 'linux')).toBe('empty');
  });
});

describe('ConnectionLog', () => {
  it('cuts an enormous line and says how much it cut, keeping memory bounded', () => {
    const log = new ConnectionLog(3, () => 0);
    const seen: string[] = [];
    log.onLine((l) => seen.push(l.text));
    log.write('info', 'server', 'x'.repeat(20_000_000));
    expect(seen[0]!.length).toBeLessThan(MAX_LINE_CHARS + 60);
    expect(seen[0]).toMatch(/19,998,000 more characters\]$/);
    for (let i = 0; i < 10; i++) log.write('info', 'stderr', `line ${i}`);
    expect(log.all().map((l) => l.text)).toEqual(['line 7', 'line 8', 'line 9']);
  });
});

describe('deserializeMessage', () => {
  it('validates each kind of JSON-RPC message with its own schema and refuses the rest', () => {
    expect(deserializeMessage('{"jsonrpc":"2.0","id":1,"method":"ping"}')).toEqual({ jsonrpc: '2.0', id: 1, method: 'ping' });
    expect(deserializeMessage('{"jsonrpc":"2.0","method":"notifications/initialized"}')).toEqual({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(deserializeMessage('{"jsonrpc":"2.0","id":2,"result":{"tools":[]}}')).toEqual({ jsonrpc: '2.0', id: 2, result: { tools: [] } });
    expect(deserializeMessage('{"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"nope"}}')).toMatchObject({ error: { code: -32601 } });
    expect(() => deserializeMessage('{"jsonrpc":"2.0","id":4,"result":{},"extra":1}')).toThrow();
    expect(() => deserializeMessage('{"jsonrpc":"1.0","id":5,"method":"ping"}')).toThrow();
    expect(() => deserializeMessage('[1,2]')).toThrow();
    // A result response goes on by its envelope alone (the SDK's Protocol parses it in full); a wrong envelope does not.
    for (const bad of [
      '{"jsonrpc":"2.0","id":1.5,"result":{}}',
      '{"jsonrpc":"2.0","id":6,"result":[]}',
      '{"jsonrpc":"2.0","id":7,"result":null}',
      '{"jsonrpc":"2.0","result":{}}',
      '{"jsonrpc":"2","id":8,"result":{}}',
      '{"jsonrpc":"2.0","id":9,"result":{"_meta":5}}',
      '{"jsonrpc":"2.0","id":9007199254740993,"result":{}}',
    ]) {
      expect(() => deserializeMessage(bad), bad).toThrow();
    }
    expect(() => deserializeMessage('not json')).toThrow(SyntaxError);
  });
});
