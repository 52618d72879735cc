// The host's one ServerSandbox: where a server's roots come from, and how a new refusal reaches its view.
import { fileURLToPath } from 'node:url';
import type { ServerView } from '../api/views.ts';
import type { Logger } from '../base/logger.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import type { Roots } from '../protocol/roots.ts';
import { ServerSandbox } from '../servers/serverSandbox.ts';
import type { HostDeps } from './hostDeps.ts';

export function createServerSandbox(deps: HostDeps, roots: Roots, announce: (name: string) => void, logger: Logger): ServerSandbox {
  const sandbox = new ServerSandbox({
    dataDir: deps.dataDir,
    home: deps.home ?? deps.env.HOME ?? deps.env.USERPROFILE ?? deps.dataDir,
    platform: deps.platform ?? process.platform,
    env: deps.env,
    rootsOf: (name) => roots.rootsFor(name).flatMap((r) => (r.uri.startsWith('file:') ? [fileURLToPath(r.uri)] : [])),
    onChange: announce,
    logger,
  });
  // Known before the first view is built, so a server page says "not sandboxed" and why from the start.
  void sandbox.availability();
  return sandbox;
}

/** The sandbox part of a server's view. */
export function sandboxView(sandbox: ServerSandbox, name: string, def: ServerDefinition): Pick<ServerView, 'sandbox'> {
  const status = sandbox.status(name, def.transport, sandbox.known());
  return status ? { sandbox: status } : {};
}
