// Requests from servers that wait for the person (sampling consent, elicitation). Each waits for an answer,
// or settles 'cancelled' when its signal aborts: the server cancelled it, or disconnected.
import type { PendingChange } from '../api/views.ts';
import type { StopSignal } from './callStop.ts';

export type Answer<A> = { kind: 'answered'; answer: A } | { kind: 'cancelled' };

interface Waiter<V, A> {
  view: V;
  settle(result: Answer<A>): void;
}

export class PendingRequests<V extends { id: string }, A> {
  private readonly waiting = new Map<string, Waiter<V, A>>();
  private readonly listeners = new Set<(pending: V[]) => void>();
  private readonly deltaListeners = new Set<(change: PendingChange<V>) => void>();

  request(view: V, signal: StopSignal): Promise<Answer<A>> {
    if (signal.aborted) return Promise.resolve({ kind: 'cancelled' });
    return new Promise<Answer<A>>((resolve) => {
      const onAbort = (): void => waiter.settle({ kind: 'cancelled' });
      const waiter: Waiter<V, A> = {
        view,
        settle: (result) => {
          if (this.waiting.get(view.id) !== waiter) return;
          this.waiting.delete(view.id);
          signal.removeEventListener('abort', onAbort);
          resolve(result);
          this.emit({ kind: 'removed', id: view.id });
        },
      };
      this.waiting.set(view.id, waiter);
      signal.addEventListener('abort', onAbort, { once: true });
      this.emit({ kind: 'added', request: view });
    });
  }

  get(id: string): V | undefined {
    return this.waiting.get(id)?.view;
  }

  /** False when nothing waits under that id (already answered or cancelled). */
  answer(id: string, answer: A): boolean {
    const waiter = this.waiting.get(id);
    if (!waiter) return false;
    waiter.settle({ kind: 'answered', answer });
    return true;
  }

  cancel(id: string): boolean {
    const waiter = this.waiting.get(id);
    if (!waiter) return false;
    waiter.settle({ kind: 'cancelled' });
    return true;
  }

  /** Oldest first. */
  list(): V[] {
    return [...this.waiting.values()].map((w) => w.view);
  }

  /** How many wait that match, e.g. one server's. */
  count(matches: (view: V) => boolean): number {
    let n = 0;
    for (const waiter of this.waiting.values()) if (matches(waiter.view)) n++;
    return n;
  }

  /** Called with the whole list on every change (cheap lists only). */
  onChange(listener: (pending: V[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with each addition and removal. */
  onDelta(listener: (change: PendingChange<V>) => void): () => void {
    this.deltaListeners.add(listener);
    return () => this.deltaListeners.delete(listener);
  }

  dispose(): void {
    for (const waiter of [...this.waiting.values()]) waiter.settle({ kind: 'cancelled' });
    this.listeners.clear();
    this.deltaListeners.clear();
  }

  private emit(change: PendingChange<V>): void {
    for (const listener of this.deltaListeners) listener(change);
    if (this.listeners.size === 0) return;
    const pending = this.list();
    for (const listener of this.listeners) listener(pending);
  }
}
