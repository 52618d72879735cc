// How protocol features reach a ready server's SDK Client, with errors written for people.
import type { Client, ServerCapabilities } from '@modelcontextprotocol/client';
import { HostError } from '../api/errors.ts';

export interface ServerClients {
  /** The SDK client of a ready server, or undefined. */
  client(name: string): Client | undefined;
  /** Whether a server with this name is configured at all. */
  has(name: string): boolean;
  /** Names of the servers that are ready now. */
  readyNames(): string[];
}

export type CapabilityName = 'resources' | 'prompts' | 'logging' | 'completions';

const FEATURE: Record<CapabilityName, string> = {
  resources: 'resources',
  prompts: 'prompts',
  logging: 'log levels',
  completions: 'completions',
};

export function requireClient(clients: ServerClients, name: string, capability?: CapabilityName): Client {
  if (!clients.has(name)) throw new HostError('not-found', `There is no server called "${name}".`);
  const client = clients.client(name);
  if (!client) throw new HostError('unavailable', `"${name}" is not connected. Start it, or wait until it is ready.`);
  if (capability && !supports(client, capability)) {
    throw new HostError('conflict', `"${name}" does not offer ${FEATURE[capability]}.`);
  }
  return client;
}

export function supports(client: Client, capability: CapabilityName): boolean {
  const caps: ServerCapabilities | undefined = client.getServerCapabilities();
  return caps?.[capability] !== undefined;
}

/** Wraps a failed MCP request in a HostError that names the server. */
export function requestFailed(server: string, what: string, error: unknown): HostError {
  if (error instanceof HostError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new HostError('unavailable', `"${server}" could not ${what}: ${message}`);
}
