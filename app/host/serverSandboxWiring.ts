// The host's one ServerSandbox: where a server's roots come from, and how a new refusal reaches its view.
import { fileURLToPath } from 'node:url';
import { HostError } from '../api/errors.ts';
import type { SandboxPolicyView, ServerView } from '../api/views.ts';
import type { Logger } from '../base/logger.ts';
import type { ServerDefinition } from '../config/serverDefinition.ts';
import type { Roots } from '../protocol/roots.ts';
import { ServerSandbox } from '../servers/serverSandbox.ts';
import type { HostDeps } from './hostDeps.ts';
import type { ServerConfig } from './serverConfig.ts';
import type { ServerStatus } from './serverStatus.ts';

export interface HostSandbox {
  sandbox: ServerSandbox;
  /** Called with a server's name when its sandbox status changed (a new refusal). */
  onChange(listener: (name: string) => void): () => void;
}

export function createServerSandbox(deps: HostDeps, roots: Roots, logger: Logger): HostSandbox {
  const listeners = new Set<(name: string) => void>();
  const sandbox = new ServerSandbox({
    dataDir: deps.dataDir,
    home: deps.home ?? deps.env.HOME ?? deps.env.USERPROFILE ?? deps.dataDir,
    platform: deps.platform ?? process.platform,
    env: deps.env,
    rootsOf: (name) => roots.rootsFor(name).flatMap((r) => (r.uri.startsWith('file:') ? [fileURLToPath(r.uri)] : [])),
    onChange: (name) => {
      for (const listener of listeners) listener(name);
    },
    logger,
    ...(deps.sandboxSeccompPath ? { seccompApplyPath: deps.sandboxSeccompPath } : {}),
  });
  // Known before the first view is built, so a server page says "not sandboxed" and why from the start.
  void sandbox.availability();
  return {
    sandbox,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The sandbox part of a server's view. */
export function sandboxView(sandbox: ServerSandbox, name: string, def: ServerDefinition): Pick<ServerView, 'sandbox'> {
  const status = sandbox.status(name, def.transport, sandbox.known());
  return status ? { sandbox: status } : {};
}

/**
 * Writes a local server's `sandbox` field (the server page's editor, "allow this", "run without a sandbox").
 * It is a change of its launch definition like an edit on disk: the server waits until the person approves
 * the new policy in the launch approval, which shows it before and now.
 */
export async function setSandbox(
  servers: { config: Pick<ServerConfig, 'rawEntry' | 'patchEntry'>; status: Pick<ServerStatus, 'view'> },
  name: string,
  sandbox: SandboxPolicyView | false,
): Promise<ServerView> {
  const entry = servers.config.rawEntry(name);
  if (!entry || typeof entry.command !== 'string') throw new HostError('not-found', `There is no local server called "${name}".`);
  const clean = (list: string[]) => [...new Set(list.map((v) => v.trim()).filter(Boolean))];
  const next = sandbox === false ? false : { readable: clean(sandbox.readable), writable: clean(sandbox.writable), domains: clean(sandbox.domains) };
  await servers.config.patchEntry(name, { sandbox: next });
  return servers.status.view(name);
}
