// The core's implementation of the contract: one handler per method. The only way into the core.
import type { HostEvent, HostEvents, HostMethod, HostMethods, HostService } from '../api/contract.ts';
import { HostError } from '../api/errors.ts';
import type { ParsedParams } from '../api/schemas.ts';
import { parseParams } from '../api/validate.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { Logger } from '../base/logger.ts';

export type Handlers = {
  [M in HostMethod]: (params: ParsedParams<M>) => Promise<HostMethods[M]['result']>;
};

export function createHostService(
  handlers: Handlers,
  events: EventHub,
  logger: Logger,
  /** Every result passes here on its way out (secret redaction). */
  outgoing: <T>(result: T) => T,
  dispose: () => Promise<void>,
): HostService {
  let disposed = false;
  const service: HostService = {
    // Async, so that invalid params reject the returned promise like every other failure, never throw.
    async call<M extends HostMethod>(method: M, params: HostMethods[M]['params']): Promise<HostMethods[M]['result']> {
      if (disposed) throw new HostError('unavailable', 'Switchboard is shutting down.');
      return service.callParsed(method, parseParams(method, params));
    },
    async callParsed<M extends HostMethod>(method: M, parsed: ParsedParams<M>): Promise<HostMethods[M]['result']> {
      if (disposed) throw new HostError('unavailable', 'Switchboard is shutting down.');
      try {
        return outgoing(await (handlers[method] as (p: unknown) => Promise<HostMethods[M]['result']>)(parsed));
      } catch (error) {
        if (error instanceof HostError) throw new HostError(error.code, outgoing(error.message), error.issues);
        logger.error(`${method} failed: ${(error as Error).stack ?? String(error)}`);
        throw new HostError('internal', `Something went wrong in ${method}: ${(error as Error).message}`);
      }
    },
    on<E extends HostEvent>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
      return events.on(event, listener);
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      await dispose();
      events.clear();
    },
  };
  return service;
}
