// A host in its own process, for crash tests: `node --import tsx tests/support/hostProcess.ts <dataDir>`.
// Approves every launch, waits until every server is ready, then prints READY and keeps running.
import { createHost } from '../../app/host/createHost.ts';
import { eventually } from './eventually.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: hostProcess.ts <dataDir>');
const host = await createHost({ dataDir, env: { PATH: process.env.PATH, HOME: process.env.HOME }, mode: 'test' });
for (const s of await host.call('servers.list', {})) {
  if (!s.launch.approved) await host.call('servers.approveLaunch', { server: s.name, fingerprint: s.launch.fingerprint });
}
await eventually(async () => (await host.call('servers.list', {})).every((s) => s.state.kind === 'ready'), 'every server to be ready', { everyMs: 50 });
console.log('READY');
setInterval(() => {}, 1 << 30);
