// The pacer that lets a burst of requests leave one slice per turn of the event loop (app/servers/sendPacer.ts).
import { expect, it } from 'vitest';
import { SendPacer } from '../../../app/servers/sendPacer.ts';

/** Resolves after the current turn's immediates, the pacer's among them (it queued its own first). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Asks for `count` turns from `first` on and records the order in which each request may leave. */
function ask(pacer: SendPacer, first: number, count: number, released: number[]): void {
  for (let i = first; i < first + count; i++) {
    const wait = pacer.turn();
    if (wait) void wait.then(() => released.push(i));
    else released.push(i);
  }
}

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

it('lets a request that comes alone leave at once', () => {
  expect(new SendPacer(3).turn()).toBeUndefined();
});

it('lets at most a slice leave per turn, the rest on later turns in the order they came', async () => {
  const pacer = new SendPacer(3);
  const released: number[] = [];
  ask(pacer, 0, 8, released);
  expect(released).toEqual(upTo(3));
  await Promise.resolve();
  expect(released).toEqual(upTo(3));
  await nextTurn();
  expect(released).toEqual(upTo(6));
  // One that comes now waits behind the two still waiting, and goes in their slice.
  ask(pacer, 8, 1, released);
  expect(released).toEqual(upTo(6));
  await nextTurn();
  expect(released).toEqual(upTo(9));
});

it('starts counting again at each turn', async () => {
  const pacer = new SendPacer(2);
  const released: number[] = [];
  ask(pacer, 0, 2, released);
  expect(released).toEqual(upTo(2));
  await nextTurn();
  ask(pacer, 2, 3, released);
  expect(released).toEqual(upTo(4));
  await nextTurn();
  expect(released).toEqual(upTo(5));
});
