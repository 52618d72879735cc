// Typed fan-out of HostEvents. Every `on` returns its unsubscribe; a throwing listener never stops the others.
import type { HostEvent, HostEvents } from '../api/contract.ts';
import type { Logger } from './logger.ts';

type Listener<E extends HostEvent> = (payload: HostEvents[E]) => void;

export class EventHub {
  private readonly listeners = new Map<HostEvent, Set<Listener<HostEvent>>>();

  constructor(
    private readonly logger: Logger,
    /** Every payload passes here before any listener sees it (secret redaction). */
    private readonly outgoing: <T>(payload: T) => T = (p) => p,
  ) {}

  on<E extends HostEvent>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<HostEvent>);
    return () => set.delete(listener as Listener<HostEvent>);
  }

  emit<E extends HostEvent>(event: E, raw: HostEvents[E]): void {
    const listeners = this.listeners.get(event);
    if (!listeners || listeners.size === 0) return;
    const payload = this.outgoing(raw);
    for (const listener of listeners) {
      try {
        (listener as Listener<E>)(payload);
      } catch (error) {
        this.logger.error(`A listener for ${event} failed: ${(error as Error).message}`);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
