// The life of one tool call, state by state: approval, running on the server's clocks, Stop, and the runs
// again after a URL step or a sign-in, each within its limit (base/timeouts.ts).
import { describe, expect, it } from 'vitest';
import { ProtocolError, ProtocolErrorCode, type CallToolResult } from '@modelcontextprotocol/client';
import type { ConnectionState, ToolCallView } from '../../../app/api/views.ts';
import { CallStop } from '../../../app/base/callStop.ts';
import type { Clock } from '../../../app/base/clock.ts';
import { EventHub } from '../../../app/base/eventHub.ts';
import { silentLogger } from '../../../app/base/logger.ts';
import { MAX_SIGN_INS_PER_CALL, SIGN_IN_WAIT_MS, URL_STEP_WAIT_MS } from '../../../app/base/timeouts.ts';
import type { ApprovalVerdict } from '../../../app/safety/toolApprovals.ts';
import { CANCELLED_MESSAGE, ToolCall, type CallTarget, type ToolCallDeps, type ToolCallState } from '../../../app/routing/toolCall.ts';
import { ToolCallError } from '../../../app/servers/callErrors.ts';
import type { CallToolOptions } from '../../../app/servers/connectionOptions.ts';
import { eventually } from '../../support/eventually.ts';

const ok = (text: string): CallToolResult => ({ content: [{ type: 'text', text }] });
const READY: ConnectionState = { kind: 'ready', since: 0, transport: 'http', serverName: 'bank', serverVersion: '1' };
const SIGN_IN: ConnectionState = { kind: 'needs-sign-in', authorizationHost: 'auth.example', message: 'Sign in again.', since: 0 };

/** A server connection the test drives: each call runs `answer`, and the test moves its state. */
class FakeTarget implements CallTarget {
  definition: { toolTimeoutSeconds?: number } = {};
  restarting = false;
  calls: CallToolOptions[] = [];
  /** Runs when someone starts watching the state (a call waiting for a sign-in). */
  onWatch: (() => void) | undefined;
  private st: ConnectionState = READY;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly answer: (n: number, opts: CallToolOptions) => Promise<CallToolResult>) {}

  callTool(_tool: string, _args: Record<string, unknown>, opts: CallToolOptions): Promise<CallToolResult> {
    this.calls.push(opts);
    return this.answer(this.calls.length, opts);
  }
  state(): ConnectionState {
    return this.st;
  }
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    this.onWatch?.();
    return () => this.listeners.delete(fn);
  }
  move(state: ConnectionState): void {
    this.st = state;
    for (const fn of this.listeners) fn();
  }
}

/** Timers that run only when the test fires them. */
function heldClock(): Clock & { timers: { ms: number; fn: () => void; cancelled: boolean }[] } {
  const timers: { ms: number; fn: () => void; cancelled: boolean }[] = [];
  return {
    timers,
    now: () => 1_000,
    setTimeout(fn, ms) {
      const t = { ms, fn, cancelled: false };
      timers.push(t);
      return { cancel: () => (t.cancelled = true) };
    },
  };
}

function rig(target: FakeTarget, extra: Partial<ToolCallDeps> = {}, stop = new CallStop()) {
  const states: ToolCallState[] = [];
  const cards: ToolCallView[] = [];
  const clock = heldClock();
  const deps: ToolCallDeps = {
    registry: {
      resolve: (name) => (name === 'bank__pay' ? { server: 'bank', toolName: 'pay', tool: { name: 'pay', inputSchema: { type: 'object' } } } : undefined),
    },
    servers: { route: async (name) => (name === 'bank' ? { target } : undefined) },
    clock,
    onState: (s) => states.push(s),
    onUpdate: (c) => cards.push(c),
    ...extra,
  };
  const call = new ToolCall({ id: 'toolu_1', name: 'bank__pay', input: { amount: 5 } }, deps, stop);
  return { call, states, kinds: () => states.map((s) => s.kind), cards, clock, stop };
}

const policy = (verdict: (onAwaiting: (reason?: string) => void, signal: CallStop) => Promise<ApprovalVerdict>) => ({
  policy: { check: (_call: unknown, signal: unknown, onAwaiting: (reason?: string) => void) => verdict(onAwaiting, signal as CallStop) },
  conversationId: 'conv-1',
});

const urlStepError = () =>
  new ProtocolError(ProtocolErrorCode.UrlElicitationRequired, 'URL elicitation required', {
    elicitations: [{ mode: 'url', url: 'https://bank.example/confirm', elicitationId: 'e-1', message: 'Confirm the payment.' }],
  });

describe('a tool call, state by state', () => {
  it('runs at once when the policy allows it: pending, running, done, with its server clocks', async () => {
    const target = new FakeTarget(async () => ok('paid'));
    target.definition = { toolTimeoutSeconds: 7 };
    const { call, kinds, cards } = rig(target, { approvals: policy(async () => ({ kind: 'run' })) });
    const outcome = await call.run();
    expect(kinds()).toEqual(['running', 'settled']);
    expect(call.state).toEqual({ kind: 'settled', status: 'done' });
    expect(cards.map((c) => c.status)).toEqual(['running', 'done']);
    expect(target.calls[0]).toMatchObject({ timeoutMs: 7_000, maxTotalTimeoutMs: 70_000 });
    expect(outcome.toolResult.content).toEqual([{ type: 'text', text: 'paid' }]);
  });

  it('waits for the person when asked, then runs', async () => {
    const target = new FakeTarget(async () => ok('paid'));
    const { call, kinds, cards } = rig(target, {
      approvals: policy(async (onAwaiting) => {
        onAwaiting('its definition changed');
        return { kind: 'run', decision: { kind: 'person', choice: 'allow-once', askedAt: 10, decidedAt: 40 } };
      }),
    });
    await call.run();
    expect(kinds()).toEqual(['awaiting-approval', 'running', 'settled']);
    expect(cards[0]).toMatchObject({ status: 'awaiting-approval', approvalReason: 'its definition changed' });
    expect(cards.at(-1)).toMatchObject({ status: 'done', waitedMs: 30 });
  });

  it('settles denied without reaching the server', async () => {
    const target = new FakeTarget(async () => ok('paid'));
    const { call, kinds } = rig(target, {
      approvals: policy(async (onAwaiting) => {
        onAwaiting();
        return { kind: 'denied', text: 'The person denied this call.' };
      }),
    });
    const outcome = await call.run();
    expect(kinds()).toEqual(['awaiting-approval', 'settled']);
    expect(call.state).toEqual({ kind: 'settled', status: 'denied' });
    expect(target.calls).toHaveLength(0);
    expect(outcome.toolResult).toMatchObject({ is_error: true, content: [{ text: 'The person denied this call.' }] });
  });

  it('settles cancelled when stopped while the person decides', async () => {
    const target = new FakeTarget(async () => ok('paid'));
    const { call, kinds, stop } = rig(target, {
      approvals: policy(
        (onAwaiting, signal) =>
          new Promise((resolve) => {
            onAwaiting();
            signal.addEventListener('abort', () => resolve({ kind: 'cancelled' }));
          }),
      ),
    });
    const running = call.run();
    await eventually(() => call.state.kind === 'awaiting-approval', 'the call to wait for the person');
    stop.stop();
    expect((await running).toolResult.content).toEqual([{ type: 'text', text: CANCELLED_MESSAGE }]);
    expect(kinds()).toEqual(['awaiting-approval', 'settled']);
    expect(call.state).toEqual({ kind: 'settled', status: 'cancelled' });
  });

  it('settles cancelled at once when stopped while running, though the server never answers', async () => {
    const target = new FakeTarget(() => new Promise(() => {}));
    const { call, kinds, stop } = rig(target);
    const running = call.run();
    await eventually(() => target.calls.length === 1, 'the call to reach the server');
    expect(target.calls[0]!.signal).toBe(stop);
    stop.stop();
    await running;
    expect(kinds()).toEqual(['running', 'settled']);
    expect(call.state).toEqual({ kind: 'settled', status: 'cancelled' });
  });
});

describe('a URL step (-32042)', () => {
  it('shows the step, waits for the server to say it is complete, and runs the call again', async () => {
    const events = new EventHub(silentLogger);
    const shown: unknown[] = [];
    const target = new FakeTarget(async (n) => {
      if (n === 1) throw urlStepError();
      return ok('paid after the step');
    });
    const { call, states, kinds, clock } = rig(target, {
      urlSteps: {
        dialogs: { handle: async (server, step) => (shown.push({ server, ...step }), { action: 'accept' }) },
        events,
      },
    });
    const running = call.run();
    await eventually(() => shown.length === 1, 'the step to be shown');
    expect(shown[0]).toMatchObject({ server: 'bank', mode: 'url', url: 'https://bank.example/confirm', elicitationId: 'e-1' });
    expect(clock.timers.map((t) => t.ms)).toContain(URL_STEP_WAIT_MS);
    expect(target.calls).toHaveLength(1);
    events.emit('elicitation.completed', { server: 'bank', elicitationId: 'e-1' });
    const outcome = await running;
    expect(kinds()).toEqual(['running', 'awaiting-url-step', 'running', 'settled']);
    expect(states[2]).toEqual({ kind: 'running', attempt: 2 });
    expect(outcome.toolResult.content).toEqual([{ type: 'text', text: 'paid after the step' }]);
  });

  it('settles in error, naming the site, when the person declines the step; the call does not run again', async () => {
    const target = new FakeTarget(async () => {
      throw urlStepError();
    });
    const { call, kinds } = rig(target, { urlSteps: { dialogs: { handle: async () => ({ action: 'decline' }) }, events: new EventHub(silentLogger) } });
    const outcome = await call.run();
    expect(kinds()).toEqual(['running', 'awaiting-url-step', 'settled']);
    expect(target.calls).toHaveLength(1);
    expect(outcome.call.error).toContain('needs you to finish a step at bank.example first; you declined it.');
  });

  it('runs again only once: a second -32042 stands', async () => {
    const events = new EventHub(silentLogger);
    const target = new FakeTarget(async () => {
      throw urlStepError();
    });
    const { call, kinds } = rig(target, {
      urlSteps: {
        dialogs: {
          handle: async () => {
            queueMicrotask(() => events.emit('elicitation.completed', { server: 'bank', elicitationId: 'e-1' }));
            return { action: 'accept' };
          },
        },
        events,
      },
    });
    await call.run();
    expect(target.calls).toHaveLength(2);
    expect(kinds()).toEqual(['running', 'awaiting-url-step', 'running', 'settled']);
    expect(call.state).toEqual({ kind: 'settled', status: 'error' });
  });
});

describe('a sign-in the server asks for', () => {
  const needsSignIn = (target: FakeTarget) => {
    target.move(SIGN_IN);
    return new ToolCallError('needs-sign-in', '`pay` on `bank` needs you to sign in again.');
  };

  it('waits for the person to sign in, then runs the call again', async () => {
    const target: FakeTarget = new FakeTarget(async (n) => {
      if (n === 1) throw needsSignIn(target);
      return ok('paid');
    });
    const { call, kinds, clock } = rig(target);
    const running = call.run();
    await eventually(() => call.state.kind === 'awaiting-sign-in', 'the call to wait for the sign-in');
    expect(clock.timers.map((t) => t.ms)).toContain(SIGN_IN_WAIT_MS);
    target.move(READY);
    expect((await running).toolResult.content).toEqual([{ type: 'text', text: 'paid' }]);
    expect(kinds()).toEqual(['running', 'awaiting-sign-in', 'running', 'settled']);
  });

  it(`gives up after ${MAX_SIGN_INS_PER_CALL} sign-ins, with the server's words`, async () => {
    const target: FakeTarget = new FakeTarget(async () => {
      throw needsSignIn(target);
    });
    // The person signs in each time they are asked.
    target.onWatch = () => queueMicrotask(() => target.move(READY));
    const { call, kinds } = rig(target);
    const outcome = await call.run();
    expect(target.calls).toHaveLength(MAX_SIGN_INS_PER_CALL + 1);
    expect(kinds().filter((k) => k === 'awaiting-sign-in')).toHaveLength(MAX_SIGN_INS_PER_CALL);
    expect(outcome.call).toMatchObject({ status: 'error', error: '`pay` on `bank` needs you to sign in again.' });
  });

  it('settles in error when the wait for the sign-in runs out', async () => {
    const target: FakeTarget = new FakeTarget(async () => {
      throw needsSignIn(target);
    });
    const { call, kinds, clock } = rig(target);
    const running = call.run();
    await eventually(() => call.state.kind === 'awaiting-sign-in', 'the call to wait for the sign-in');
    clock.timers.find((t) => t.ms === SIGN_IN_WAIT_MS)!.fn();
    await running;
    expect(kinds()).toEqual(['running', 'awaiting-sign-in', 'settled']);
    expect(target.calls).toHaveLength(1);
  });

  it('keeps waiting through a restart, and stops waiting when the server is stopped for good', async () => {
    const target: FakeTarget = new FakeTarget(async () => {
      throw needsSignIn(target);
    });
    const { call } = rig(target);
    const running = call.run();
    await eventually(() => call.state.kind === 'awaiting-sign-in', 'the call to wait for the sign-in');
    target.restarting = true;
    target.move({ kind: 'stopped' });
    target.move({ kind: 'starting', since: 0, attempt: 1 });
    expect(call.state.kind).toBe('awaiting-sign-in');
    target.restarting = false;
    target.move({ kind: 'stopped' });
    await running;
    expect(call.state).toEqual({ kind: 'settled', status: 'error' });
  });
});
