// The per-server tool-call clock, driven by a clock we control.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../app/host/hostDeps.ts';
import { CallWatchdog, SWEEP_MS, type WatchdogExpiry } from '../../app/servers/callWatchdog.ts';

function manualClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; live: boolean }[] = [];
  const clock: Clock = {
    now: () => now,
    setTimeout(fn, ms) {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return { cancel: () => void (t.live = false) };
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      now = next.at;
      next.live = false;
      next.fn();
    }
    now = end;
    timers = timers.filter((t) => t.live);
  };
  return { clock, advance, liveTimers: () => timers.filter((t) => t.live).length };
}

describe('CallWatchdog', () => {
  it('expires an idle call, lets progress reset it, and caps the total', () => {
    const { clock, advance } = manualClock();
    const dog = new CallWatchdog(clock, () => false);
    const expired: WatchdogExpiry[] = [];
    const a = dog.track({ idleMs: 1_000, onExpire: (w) => expired.push(w) });
    advance(900);
    a.activity();
    advance(900);
    expect(expired).toEqual([]);
    advance(200);
    expect(expired).toEqual(['idle']);

    const b = dog.track({ idleMs: 1_000, maxTotalMs: 2_500, onExpire: (w) => expired.push(`total:${w}` as WatchdogExpiry) });
    for (let i = 0; i < 4; i++) {
      advance(800);
      b.activity();
    }
    expect(expired).toEqual(['idle', 'total:total']);
  });

  it('stops every clock while the server waits on the person', () => {
    const { clock, advance } = manualClock();
    let waiting = true;
    const dog = new CallWatchdog(clock, () => waiting);
    const expired: WatchdogExpiry[] = [];
    dog.track({ idleMs: 1_000, maxTotalMs: 1_500, onExpire: (w) => expired.push(w) });
    advance(10_000);
    expect(expired).toEqual([]);
    waiting = false;
    advance(1_000 + SWEEP_MS);
    expect(expired).toEqual(['idle']);
  });

  it('runs one sweep timer for any number of calls, and none when idle', () => {
    const { clock, advance, liveTimers } = manualClock();
    const dog = new CallWatchdog(clock, () => false);
    const calls = Array.from({ length: 2_000 }, () => dog.track({ idleMs: 60_000, onExpire: () => {} }));
    expect(liveTimers()).toBe(1);
    advance(SWEEP_MS * 3);
    expect(liveTimers()).toBe(1);
    for (const c of calls) c.stop();
    expect(liveTimers()).toBe(0);
  });
});
