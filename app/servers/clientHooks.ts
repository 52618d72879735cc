// What a server connection asks of the client-protocol layer: the capabilities to declare, and the
// handlers to register on each new SDK Client. The connection stays small; the logic lives in app/protocol/.
import type { Client, ClientCapabilities } from '@modelcontextprotocol/client';

export interface ClientHooks {
  /** Declared in `initialize`: only what the handlers really handle. */
  capabilities: ClientCapabilities;
  /** Registers request and notification handlers on a new client, before its handshake. */
  install(client: Client, server: string): void;
  /** The handshake finished and the server is ready on this client. */
  ready(client: Client, server: string): void;
  /** True while this server waits on the person (sampling or elicitation): its tool calls' clocks stop. */
  waitingOnPerson(server: string): boolean;
}
