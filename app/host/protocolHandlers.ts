// The contract's handlers for the client side of MCP: resources, prompts, completions, sampling,
// elicitation, roots and log levels.
import type { Handlers } from './hostService.ts';
import type { ChatSessions } from './chatSessions.ts';
import type { ServerStatus } from './serverStatus.ts';
import type { ClientProtocol, ServerRequests } from '../protocol/clientProtocol.ts';
import { complete } from '../protocol/completions.ts';
import { insertPromptMessages } from '../protocol/promptMessages.ts';
import { expandTemplate } from '../protocol/resources.ts';

export type ProtocolMethod =
  | 'resources.list'
  | 'resources.templates'
  | 'resources.expandTemplate'
  | 'resources.read'
  | 'resources.subscribe'
  | 'resources.unsubscribe'
  | 'prompts.list'
  | 'prompts.get'
  | 'prompts.run'
  | 'completions.complete'
  | 'sampling.list'
  | 'sampling.decide'
  | 'sampling.log'
  | 'sampling.limits'
  | 'sampling.setLimits'
  | 'elicitation.list'
  | 'elicitation.respond'
  | 'roots.get'
  | 'roots.set'
  | 'logging.setLevel';

export function protocolHandlers(
  protocol: ClientProtocol,
  requests: ServerRequests,
  deps: { status: Pick<ServerStatus, 'emit'>; chat: ChatSessions; now: () => number },
): Pick<Handlers, ProtocolMethod> {
  const { sampling, elicitations, roots } = protocol;
  const { resources, prompts, logLevels } = requests;
  const { status, chat } = deps;
  return {
    'resources.list': async (p) => resources.list(p.server),
    'resources.templates': async (p) => resources.templates(p.server),
    'resources.expandTemplate': async (p) => ({ uri: expandTemplate(p.uriTemplate, p.variables) }),
    'resources.read': async (p) => resources.readView(p.server, p.uri),
    'resources.subscribe': async (p) => resources.subscribe(p.server, p.uri),
    'resources.unsubscribe': async (p) => resources.unsubscribe(p.server, p.uri),
    'prompts.list': async (p) => prompts.list(p.server),
    'prompts.get': async (p) => prompts.getView(p.server, p.name, p.arguments),
    'prompts.run': async (p) => {
      const result = await prompts.get(p.server, p.name, p.arguments);
      const origin = { server: p.server, name: p.name };
      const willRun = result.messages.at(-1)?.role === 'user';
      return chat.insert(p.conversationId, `/${p.name}`, willRun, (c) => insertPromptMessages(c, origin, result.messages, deps.now), {
        ...(p.overToolBudget ? { overToolBudget: p.overToolBudget } : {}),
      });
    },
    'completions.complete': async (p) => complete(requests.clients, p.server, p.ref, p.argument, p.context),
    'sampling.list': async () => sampling.pending(),
    'sampling.decide': async (p) => ({ decided: sampling.decide(p.id, p.decision, p.edited) }),
    'sampling.log': async () => sampling.log(),
    'sampling.limits': async (p) => sampling.limits(p.server),
    'sampling.setLimits': async (p) => sampling.setLimits(p.server, p),
    'elicitation.list': async () => elicitations.pending(),
    'elicitation.respond': async (p) => ({ responded: elicitations.respond(p.id, p.action, p.content) }),
    'roots.get': async () => roots.get(),
    'roots.set': async (p) => roots.set(p, requests.clients),
    'logging.setLevel': async (p) => {
      const result = await logLevels.set(p.server, p.level);
      status.emit(p.server);
      return result;
    },
  };
}
