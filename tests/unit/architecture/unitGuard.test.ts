// The unit tier starts nothing real (tests/support/unitGuard.ts, loaded for the `unit` project): here,
// a unit test that spawns a process, listens on a socket or connects to one fails at that call.
import type * as ChildProcessModule from 'node:child_process';
import type * as HttpModule from 'node:http';
import type * as NetModule from 'node:net';
import { describe, expect, it } from 'vitest';

// Not imported from the guard: importing it would install it, and this test must see what setupFiles did.
const UNIT_GUARD_MESSAGE = 'Unit tests start nothing real';

// Reached by name at run time, as a library would: the guard replaces the built-in modules themselves.
const builtin = async <T>(name: string): Promise<T> => (await import(/* @vite-ignore */ name)) as T;
type ChildProcess = typeof ChildProcessModule;
type Net = typeof NetModule;
type Http = typeof HttpModule;

describe('the unit tier starts nothing real', () => {
  it('refuses to spawn a process, by any of the child_process functions', async () => {
    const cp = await builtin<ChildProcess>('node:child_process');
    const bare = await builtin<ChildProcess>('child_process');
    expect(() => cp.spawn('/bin/true')).toThrow(UNIT_GUARD_MESSAGE);
    expect(() => bare.execFileSync('/bin/true')).toThrow(UNIT_GUARD_MESSAGE);
    expect(() => cp.exec('true')).toThrow(UNIT_GUARD_MESSAGE);
    expect(() => cp.fork('/dev/null')).toThrow(UNIT_GUARD_MESSAGE);
  });

  it('refuses to listen, with net or http', async () => {
    const net = await builtin<Net>('node:net');
    const http = await builtin<Http>('node:http');
    expect(() => net.createServer().listen(0, '127.0.0.1')).toThrow(UNIT_GUARD_MESSAGE);
    expect(() => http.createServer().listen(0, '127.0.0.1')).toThrow(UNIT_GUARD_MESSAGE);
  });

  it('refuses to connect, with net or fetch', async () => {
    const net = await builtin<Net>('node:net');
    expect(() => net.connect(59_999, '127.0.0.1')).toThrow(UNIT_GUARD_MESSAGE);
    const failed = await fetch('http://127.0.0.1:59999/').then(
      () => undefined,
      (error: unknown) => error as Error & { cause?: Error },
    );
    expect(failed?.cause?.message).toContain(UNIT_GUARD_MESSAGE);
  });
});
