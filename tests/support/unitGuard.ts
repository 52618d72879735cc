// The unit tier runs nothing real: a unit test that spawns a process (a server, a shell, a browser),
// listens on a socket or connects to one fails at that call, with a message that says where it belongs.
// Loaded by the `unit` project in vitest.config.ts (setupFiles), before any test file's imports run.
// It replaces the functions on the built-in modules themselves (and syncs their ESM exports), so code
// that reached them through `node:child_process`, `child_process`, `require` or a library is caught too.
import childProcess from 'node:child_process';
import net from 'node:net';
import { syncBuiltinESMExports } from 'node:module';

const UNIT_GUARD_MESSAGE = 'Unit tests start nothing real';

function refuse(what: string): () => never {
  return () => {
    throw new Error(
      `${UNIT_GUARD_MESSAGE}: this test called ${what}. A test that starts a process, a socket or a browser belongs in tests/integration/ (or tests/e2e/).`,
    );
  };
}

const spawning = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
const cp = childProcess as unknown as Record<string, unknown>;
for (const name of spawning) cp[name] = refuse(`child_process.${name}`);
net.Server.prototype.listen = refuse('listen (a server socket)');
net.Socket.prototype.connect = refuse('connect (a client socket)');
syncBuiltinESMExports();
