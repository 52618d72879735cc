// Requests from servers that wait for the person (sampling consent, elicitation). Each waits for an answer,
// or settles 'cancelled' when its signal aborts: the server cancelled it, or disconnected.
export type Answer<A> = { kind: 'answered'; answer: A } | { kind: 'cancelled' };

interface Waiter<V, A> {
  view: V;
  settle(result: Answer<A>): void;
}

export class PendingRequests<V extends { id: string }, A> {
  private readonly waiting = new Map<string, Waiter<V, A>>();
  private readonly listeners = new Set<(pending: V[]) => void>();

  request(view: V, signal: AbortSignal): Promise<Answer<A>> {
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
          this.emit();
        },
      };
      this.waiting.set(view.id, waiter);
      signal.addEventListener('abort', onAbort, { once: true });
      this.emit();
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

  onChange(listener: (pending: V[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    for (const waiter of [...this.waiting.values()]) waiter.settle({ kind: 'cancelled' });
    this.listeners.clear();
  }

  private emit(): void {
    const pending = this.list();
    for (const listener of this.listeners) listener(pending);
  }
}
