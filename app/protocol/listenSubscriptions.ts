// The 2026-07-28 era has no `resources/subscribe` and no unsolicited notifications: a client opens a
// `subscriptions/listen` stream naming what it wants to hear (list changes, updated resources), and the
// notifications on it reach the same handlers as in the 2025 era. One stream per server, opened again
// whenever what it should carry changes. (Tool list changes ride the SDK's own stream, opened for the
// `listChanged` option.)
import type { Client, McpSubscription, SubscriptionFilter } from '@modelcontextprotocol/client';
import type { Logger } from '../base/logger.ts';

/** A connection in the 2026-07-28 era (or later). */
export function isModern(client: Client): boolean {
  return client.getProtocolEra() === 'modern';
}

export class ListenSubscriptions {
  private readonly streams = new Map<string, { client: Client; subscription: McpSubscription }>();
  /** Per server, the newest update: an older one finishing late never replaces it. */
  private readonly generation = new Map<string, number>();

  constructor(private readonly logger: Logger) {}

  /** Opens the server's stream again for the list changes it offers and `uris` (empty filter: no stream). */
  async update(server: string, client: Client, uris: readonly string[]): Promise<void> {
    const gen = (this.generation.get(server) ?? 0) + 1;
    this.generation.set(server, gen);
    const caps = client.getServerCapabilities();
    const filter: SubscriptionFilter = {
      ...(caps?.prompts?.listChanged ? { promptsListChanged: true } : {}),
      ...(caps?.resources?.listChanged ? { resourcesListChanged: true } : {}),
      ...(caps?.resources?.subscribe && uris.length > 0 ? { resourceSubscriptions: [...uris] } : {}),
    };
    const previous = this.streams.get(server);
    this.streams.delete(server);
    await previous?.subscription.close().catch(() => undefined);
    if (Object.keys(filter).length === 0) return;
    const subscription = await client.listen(filter);
    if (this.generation.get(server) !== gen) {
      await subscription.close().catch(() => undefined);
      return;
    }
    this.streams.set(server, { client, subscription });
    void subscription.closed.then((how) => {
      if (how === 'remote' && this.streams.get(server)?.subscription === subscription) {
        this.logger.warn(`the subscription stream of ${server} ended; it opens again when the server reconnects`);
      }
    });
  }
}
