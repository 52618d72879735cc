// Remembers the era a server's last connection agreed on, so the next connect (a reconnect, a restart after
// sign-in) skips the `server/discover` probe: the SDK adopts a 2026 server's discover result with no round
// trip, and sends `initialize` at once to a 2025 one. Kept in memory for this run only (a server that is
// upgraded is asked again at the next launch), tied to the entry as it was (any change of it asks again),
// and used once: only a connection that becomes ready learns it again, so a stale verdict costs one failed
// attempt at most.
import type { Client, PriorDiscovery } from '@modelcontextprotocol/client';
import { connectionHash, type ServerDefinition } from '../config/serverDefinition.ts';

export class EraVerdict {
  private known: { hash: string; prior: PriorDiscovery } | undefined;

  /** The verdict to connect with, as an OpenHooks fragment (empty when there is none for this entry); used up. */
  take(def: ServerDefinition): { prior?: PriorDiscovery } {
    const known = this.known;
    this.known = undefined;
    return known && known.hash === connectionHash(def) ? { prior: known.prior } : {};
  }

  learn(def: ServerDefinition, client: Client): void {
    const era = client.getProtocolEra();
    const discover = client.getDiscoverResult();
    const prior: PriorDiscovery | undefined = era === 'modern' && discover ? { kind: 'modern', discover } : era === 'legacy' ? { kind: 'legacy' } : undefined;
    this.known = prior ? { hash: connectionHash(def), prior } : undefined;
  }
}
