// A HostApi whose methods answer from a table and whose events the test emits by hand: the store's logic, without a host.
import type { HostApi, HostEvent, HostEvents, HostMethod, HostMethods } from '../../../app/api/index.ts';
import { HOST_METHODS } from '../../../app/api/index.ts';

type Handlers = { [M in HostMethod]?: (params: HostMethods[M]['params']) => HostMethods[M]['result'] | Promise<HostMethods[M]['result']> };

export interface FakeHost {
  api: HostApi;
  calls: { method: HostMethod; params: unknown }[];
  emit<E extends HostEvent>(event: E, payload: HostEvents[E]): void;
}

export function fakeHostApi(handlers: Handlers): FakeHost {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: FakeHost['calls'] = [];
  const api = {} as Record<string, unknown>;
  for (const method of HOST_METHODS) {
    api[method] = async (params: unknown) => {
      calls.push({ method, params });
      const handler = handlers[method] as ((p: unknown) => unknown) | undefined;
      if (!handler) throw Object.assign(new Error(`${method} is not available in this test.`), { code: 'unavailable' });
      return handler(params);
    };
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };
  return {
    api: api as unknown as HostApi,
    calls,
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  };
}

export const flush = () => new Promise((r) => setTimeout(r, 0));
