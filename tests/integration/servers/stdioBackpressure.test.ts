// The stdio transport under backpressure: a server that reads slowly makes every send wait for 'drain';
// all waiting sends share one listener, so thousands of calls in flight cost linear time and no warning.
import { expect, it } from 'vitest';
import { ObservedStdioTransport } from '../../../app/servers/observedStdioTransport.ts';
import { nodeBin } from '../../support/paths.ts';

it('shares one drain listener among all sends waiting on a full stdin, and resolves them all when it drains', async () => {
  // The server reads nothing until it gets SIGUSR2, so stdin fills up.
  const script =
    "process.stdin.pause(); process.on('SIGUSR2', () => process.stdin.resume()); process.stdin.on('data', () => {}); setInterval(() => {}, 1000); process.stderr.write('ready\\n');";
  const transport = new ObservedStdioTransport({ command: nodeBin, args: ['-e', script], stderr: 'pipe', maxBufferSize: 1 << 20 }, () => {});
  await transport.start();
  try {
    await new Promise<void>((resolve) => transport.stderr!.once('data', () => resolve()));
    const big = 'x'.repeat(4_000);
    const sends = Array.from({ length: 2_000 }, (_, i) => transport.send({ jsonrpc: '2.0', method: 'notifications/message', params: { i, big } }));
    const stdin = transport.child!.stdin!;
    expect(stdin.writableNeedDrain).toBe(true);
    expect(stdin.listenerCount('drain')).toBeLessThanOrEqual(1);
    transport.child!.kill('SIGUSR2');
    await Promise.all(sends);
    expect(stdin.listenerCount('drain')).toBe(0);
  } finally {
    await transport.close();
  }
});
