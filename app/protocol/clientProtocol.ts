// The client side of MCP, composed: roots, sampling, elicitation, resources, prompts and log levels, plus
// the hooks every server connection installs. Servers reach it through the hooks; it reaches servers
// through ServerClients (the servers facade, bound once it exists).
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
  /** Called only after servers start, so it may return an object created later. */
  clients: () => ServerClients;
}

export interface ClientProtocol {
  hooks: ClientHooks;
  clients: ServerClients;
  roots: Roots;
  sampling: Sampling;
  elicitations: Elicitations;
  resources: Resources;
  prompts: Prompts;
  logLevels: LogLevels;
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
  const clients: ServerClients = {
    client: (name) => deps.clients().client(name),
    has: (name) => deps.clients().has(name),
    readyNames: () => deps.clients().readyNames(),
  };
  const resources = new Resources(clients, logger);
  const logLevels = new LogLevels(clients, logger);
  const prompts = new Prompts(clients, logger);
  const hooks = clientHandlers({
    sampling,
    elicitations,
    roots,
    events,
    onReady: (client, name) => {
      resources.resubscribe(name, client);
      logLevels.reapply(name, client);
    },
  });
  return {
    hooks,
    clients,
    roots,
    sampling,
    elicitations,
    resources,
    prompts,
    logLevels,
    problems: [roots.problem, limits.problem].filter((p): p is string => p !== undefined),
    dispose() {
      sampling.dispose();
      elicitations.dispose();
    },
  };
}
