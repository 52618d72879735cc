// Registers Switchboard's side of the protocol on each new SDK Client: the server's requests
// (sampling, elicitation, roots) and its notifications (resource updates, list changes, elicitation done).
import type { Client } from '@modelcontextprotocol/client';
import type { EventHub } from '../base/eventHub.ts';
import { CLIENT_CAPABILITIES } from './clientCapabilities.ts';
import type { ClientHooks } from '../servers/clientHooks.ts';
import type { Elicitations } from './elicitations.ts';
import type { Roots } from './roots.ts';
import type { Sampling } from './sampling.ts';

export interface ClientHandlerDeps {
  sampling: Sampling;
  elicitations: Elicitations;
  roots: Roots;
  events: EventHub;
  /** A server became ready on a new client (re-send subscriptions and the log level). */
  onReady: (client: Client, server: string) => void;
}

export function clientHandlers(deps: ClientHandlerDeps): ClientHooks {
  return {
    capabilities: CLIENT_CAPABILITIES,
    install(client, server) {
      client.setRequestHandler('sampling/createMessage', (request, ctx) => deps.sampling.handle(server, request.params, ctx.mcpReq.signal));
      client.setRequestHandler('elicitation/create', (request, ctx) => deps.elicitations.handle(server, request.params, ctx.mcpReq.signal));
      client.setRequestHandler('roots/list', () => ({ roots: deps.roots.rootsFor(server) }));
      client.setNotificationHandler('notifications/resources/updated', (n) => deps.events.emit('resources.updated', { server, uri: n.params.uri }));
      client.setNotificationHandler('notifications/resources/list_changed', () => deps.events.emit('resources.changed', { server }));
      client.setNotificationHandler('notifications/prompts/list_changed', () => deps.events.emit('prompts.changed', { server }));
      client.setNotificationHandler('notifications/elicitation/complete', (n) =>
        deps.events.emit('elicitation.completed', { server, elicitationId: n.params.elicitationId }),
      );
    },
    waitingOnPerson(server) {
      return deps.sampling.pending().some((r) => r.server === server) || deps.elicitations.pending().some((r) => r.server === server);
    },
    ready(client, server) {
      deps.onReady(client, server);
      const caps = client.getServerCapabilities();
      if (caps?.resources) deps.events.emit('resources.changed', { server });
      if (caps?.prompts) deps.events.emit('prompts.changed', { server });
    },
  };
}
