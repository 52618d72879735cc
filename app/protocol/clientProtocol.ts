// The client side of MCP, composed in two steps that follow the order objects are built in:
// `createClientProtocol` makes what servers ask of us (roots, sampling, elicitation) and the hooks every
// server connection installs; the connections are built with those hooks; then `serverRequests` makes
// what we ask of ready servers (resources, prompts, log levels) on top of them (ServerClients).
import type { Client } from '@modelcontextprotocol/client';
import type { EventHub } from '../base/eventHub.ts';
import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import type { LlmClient } from '../llm/llmClient.ts';
import { clientHandlers } from './clientHandlers.ts';
import type { ClientHooks } from '../servers/clientHooks.ts';
import { Elicitations } from './elicitations.ts';
import { LogLevels } from './logLevels.ts';
import { Prompts } from './prompts.ts';
import { Resources } from './resources.ts';
import { Roots } from './roots.ts';
import { Sampling } from './sampling.ts';
import { SamplingLimits } from './samplingLimits.ts';
import type { ServerClients } from './serverClients.ts';

export interface ClientProtocolDeps {
  dataDir: string;
  events: EventHub;
  logger: Logger;
  clock: Clock;
  /** The configured model and a client for it, read fresh for every sampling request. */
  llm: () => Promise<{ client: LlmClient; model: string }>;
}

type ReadyListener = (client: Client, server: string) => void;

export interface ClientProtocol {
  hooks: ClientHooks;
  roots: Roots;
  sampling: Sampling;
  elicitations: Elicitations;
  /** Called when a server becomes ready on a new client (after the hooks' own work). */
  onServerReady(listener: ReadyListener): () => void;
  /** Why a data file of this layer (roots.json, sampling.json) was set aside at load, for the person. */
  problems: string[];
  dispose(): void;
}

export async function createClientProtocol(deps: ClientProtocolDeps): Promise<ClientProtocol> {
  const { events, logger, clock } = deps;
  const limits = new SamplingLimits(deps.dataDir, logger);
  const roots = new Roots(deps.dataDir, events, logger);
  await Promise.all([limits.load(), roots.load()]);
  const sampling = new Sampling({ events, limits, llm: deps.llm, now: clock.now, logger });
  const elicitations = new Elicitations(events, clock.now);
  const readyListeners = new Set<ReadyListener>();
  const hooks = clientHandlers({
    sampling,
    elicitations,
    roots,
    events,
    onReady: (client, name) => {
      for (const listener of readyListeners) listener(client, name);
    },
  });
  return {
    hooks,
    roots,
    sampling,
    elicitations,
    onServerReady(listener) {
      readyListeners.add(listener);
      return () => readyListeners.delete(listener);
    },
    problems: [roots.problem, limits.problem].filter((p): p is string => p !== undefined),
    dispose() {
      sampling.dispose();
      elicitations.dispose();
    },
  };
}

/** What the host asks of ready servers: resources (and their subscriptions), prompts, log levels. */
export interface ServerRequests {
  clients: ServerClients;
  resources: Resources;
  prompts: Prompts;
  logLevels: LogLevels;
}

/** Builds the requests to servers on the connections; a server that (re)connects gets its subscriptions and log level again. */
export function serverRequests(protocol: Pick<ClientProtocol, 'onServerReady'>, clients: ServerClients, logger: Logger): ServerRequests {
  const resources = new Resources(clients, logger);
  const logLevels = new LogLevels(clients, logger);
  const prompts = new Prompts(clients, logger);
  protocol.onServerReady((client, name) => {
    resources.resubscribe(name, client);
    logLevels.reapply(name, client);
  });
  return { clients, resources, prompts, logLevels };
}
