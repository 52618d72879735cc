// The task driver's narrow channel (tasks/taskChannel.ts) over this host's MCP client (the SDK's v2
// client): requests go on the client's transport beside it (servers/rawRequests.ts: the SDK's codec
// refuses a task handle, and the driver parses each answer itself), and one `notifications/tasks/status`
// handler per client is fanned out to the driver's listeners.
import type { Client } from '@modelcontextprotocol/client';
import { z } from 'zod';
import type { Clock } from '../base/clock.ts';
import { notReady } from '../servers/callErrors.ts';
import { rawRequester } from '../servers/rawRequests.ts';
import type { ChannelSource, TaskChannel } from '../tasks/taskChannel.ts';
import type { ServerFleet } from './serverFleet.ts';

const listeners = new WeakMap<Client, Set<(params: unknown) => void>>();

function channelOf(client: Client): TaskChannel {
  return {
    request: (method, params, { signal, timeoutMs }) => {
      const transport = client.transport;
      if (!transport) return Promise.reject(new Error('The connection to the server closed.'));
      return rawRequester(transport).request(method, params as Record<string, unknown>, { signal: signal as AbortSignal | undefined, timeoutMs });
    },
    onNotification: (method, fn) => {
      if (method !== 'notifications/tasks/status') return () => {};
      let set = listeners.get(client);
      if (!set) {
        const fresh = new Set<(params: unknown) => void>();
        set = fresh;
        listeners.set(client, fresh);
        // Not a method of the v2 client's own (tasks left the core spec): registered with a schema of ours.
        client.setNotificationHandler('notifications/tasks/status', { params: z.looseObject({}) }, (params) => {
          for (const listener of [...fresh]) listener(params);
        });
      }
      set.add(fn);
      return () => set.delete(fn);
    },
  };
}

/**
 * The channel of one server as it is when asked: at once while it is ready; otherwise, given `waitMs`,
 * once it is ready again (a reconnect, a restart, the host's own start), or a sentence for people when it
 * is stopped, failed for good, or the wait ran out.
 */
export function taskChannelSource(fleet: ServerFleet, server: string, clock: Clock): ChannelSource {
  return (waitMs) => {
    const now = () => {
      const conn = fleet.connection(server);
      if (!conn) return { error: `The server "${server}" is no longer configured.` };
      const client = fleet.client(server);
      if (client) return { channel: channelOf(client) };
      const state = conn.state();
      // Not coming back by itself: disabled, or failed with no retry planned. (A plain stop is the state before a start.)
      const final = (state.kind === 'stopped' && state.reason === 'disabled') || (state.kind === 'error' && state.retryAt === undefined);
      return { waiting: notReady(server, 'its task', state).message, final };
    };
    const first = now();
    if (first.channel) return Promise.resolve(first.channel);
    if (first.error || waitMs <= 0 || first.final) return Promise.reject(new Error(first.error ?? first.waiting));
    return new Promise<TaskChannel>((resolve, reject) => {
      const settle = () => {
        const s = now();
        if (s.channel) done(() => resolve(s.channel));
        else if (s.error || s.final) done(() => reject(new Error(s.error ?? s.waiting)));
      };
      const off = fleet.onChange((name) => {
        if (name === server) settle();
      });
      const timer = clock.setTimeout(
        () => done(() => reject(new Error(`${now().waiting ?? ''} Waited ${Math.round(waitMs / 1000)} s for it.`.trim()))),
        waitMs,
      );
      function done(fn: () => void) {
        off();
        timer.cancel();
        fn();
      }
    });
  };
}
