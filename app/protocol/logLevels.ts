// `logging/setLevel` per server: the person's choice is remembered and sent again after every reconnect. In the
// 2026-07-28 era, which has no setLevel, it goes with every request instead (logLevelStamp.ts).
import type { Client } from '@modelcontextprotocol/client';
import type { McpLogLevel } from '../api/views.ts';
import type { Logger } from '../base/logger.ts';
import { isModern } from './listenSubscriptions.ts';
import { stampLogLevel } from './logLevelStamp.ts';
import { requestFailed, requireClient, supports, type ServerClients } from './serverClients.ts';

export class LogLevels {
  private readonly levels = new Map<string, McpLogLevel>();

  constructor(
    private readonly clients: ServerClients,
    private readonly logger: Logger,
  ) {}

  levelOf(server: string): McpLogLevel | undefined {
    return this.levels.get(server);
  }

  async set(server: string, level: McpLogLevel): Promise<{ server: string; level: McpLogLevel }> {
    const client = requireClient(this.clients, server, 'logging');
    if (isModern(client)) {
      this.levels.set(server, level);
      stampLogLevel(client, () => this.levels.get(server));
      return { server, level };
    }
    try {
      await client.setLoggingLevel(level);
    } catch (error) {
      throw requestFailed(server, `set its log level to ${level}`, error);
    }
    this.levels.set(server, level);
    return { server, level };
  }

  reapply(server: string, client: Client): void {
    const level = this.levels.get(server);
    if (!level || !supports(client, 'logging')) return;
    if (isModern(client)) return stampLogLevel(client, () => this.levels.get(server));
    client.setLoggingLevel(level).catch((error: unknown) => this.logger.warn(`could not set the log level of ${server} again: ${String(error)}`));
  }
}
