// Closes one opened client. For stdio: close stdin, wait, then SIGTERM and SIGKILL the whole process tree.
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { ObservedStdioTransport } from './observedStdioTransport.ts';
import type { OpenedClient } from './openClient.ts';
import { isAlive, killTree, listDescendants } from './processTree.ts';

function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function stopOpened(opened: OpenedClient, opts: { platform: NodeJS.Platform; stopGraceMs: number }): Promise<void> {
  const { client, transport } = opened;
  if (transport instanceof ObservedStdioTransport) {
    await transport.settle();
    const pid = transport.child?.pid;
    if (pid !== undefined && !transport.exit) {
      const known = await listDescendants(pid, opts.platform);
      transport.endStdin();
      const result = await within(transport.exited(), opts.stopGraceMs);
      if (result === 'timeout' || known.some(isAlive)) {
        await killTree(pid, { platform: opts.platform, graceMs: opts.stopGraceMs, knownDescendants: known });
      }
    }
  } else if (transport instanceof StreamableHTTPClientTransport) {
    await within(transport.terminateSession(), 1_000).catch(() => {});
  }
  await client.close().catch(() => {});
}
