// Typed fan-out of HostEvents. Every `on` returns its unsubscribe; a throwing listener never stops the others.
import type { HostEvent, HostEvents } from '../api/contract.ts';
import type { Logger } from './hostDeps.ts';

type Listener<E extends HostEvent> = (payload: HostEvents[E]) => void;

export class EventHub {
  private readonly listeners = new Map<HostEvent, Set<Listener<HostEvent>>>();

  constructor(private readonly logger: Logger) {}

  on<E extends HostEvent>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<HostEvent>);
    return () => set.delete(listener as Listener<HostEvent>);
  }

  emit<E extends HostEvent>(event: E, payload: HostEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
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
