import { describe, expect, it } from 'vitest';
import { ApprovalQueue, type PendingApproval } from '../../../app/safety/approvalQueue.ts';

const call = (id: string) => ({ id, server: 'notes', toolName: 'write', input: { text: 'hi' }, toolDescription: 'Write a note.' });

describe('ApprovalQueue', () => {
  it('waits for the person and resolves with their decision', async () => {
    const queue = new ApprovalQueue(() => 7);
    const answer = queue.request(call('a'), new AbortController().signal);
    expect(queue.pending()).toEqual([{ ...call('a'), requestedAt: 7 }]);
    expect(queue.decide('a', 'allow-always')).toBe(true);
    await expect(answer).resolves.toBe('allow-always');
    expect(queue.pending()).toEqual([]);
    expect(queue.decide('a', 'deny')).toBe(false);
  });

  it('resolves cancelled and drops the request when the turn is cancelled while waiting', async () => {
    const queue = new ApprovalQueue();
    const seen: PendingApproval[][] = [];
    const off = queue.onChange((p) => seen.push(p));
    const controller = new AbortController();
    const answer = queue.request(call('a'), controller.signal);
    const other = queue.request(call('b'), new AbortController().signal);
    controller.abort();
    await expect(answer).resolves.toBe('cancelled');
    expect(queue.pending().map((p) => p.id)).toEqual(['b']);
    expect(queue.decide('a', 'allow-once')).toBe(false);
    expect(seen.map((p) => p.map((x) => x.id))).toEqual([['a'], ['a', 'b'], ['b']]);
    off();
    queue.decide('b', 'deny');
    await expect(other).resolves.toBe('deny');
    expect(seen).toHaveLength(3);
  });

  it('answers cancelled at once for a turn that was already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const queue = new ApprovalQueue();
    await expect(queue.request(call('a'), controller.signal)).resolves.toBe('cancelled');
    expect(queue.pending()).toEqual([]);
  });

  it('refuses a second request under an id that is already waiting', async () => {
    const queue = new ApprovalQueue();
    void queue.request(call('a'), new AbortController().signal);
    await expect(queue.request(call('a'), new AbortController().signal)).rejects.toThrow(/already waiting/);
    queue.dispose();
  });

  it('cancels everything still waiting on dispose', async () => {
    const queue = new ApprovalQueue();
    const answer = queue.request(call('a'), new AbortController().signal);
    queue.dispose();
    await expect(answer).resolves.toBe('cancelled');
  });
});
