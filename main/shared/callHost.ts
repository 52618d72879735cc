// The one place a bridge (IPC or WebSocket) turns an untrusted request into a core call:
// validate the params with the method's schema, call, and turn any failure into HostErrorData.
import { isHostMethod, type HostService } from '../../app/api/contract.ts';
import { HostError, type HostErrorData } from '../../app/api/errors.ts';
import { parseParams } from '../../app/api/validate.ts';
import type { Logger } from '../../app/base/logger.ts';

export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: HostErrorData };

export async function callHost(host: HostService, method: unknown, rawParams: unknown, logger: Logger): Promise<CallOutcome> {
  try {
    if (!isHostMethod(method)) {
      const shown = typeof method === 'string' ? method.slice(0, 80) : typeof method;
      throw new HostError('unknown-method', `There is no method called "${shown}".`);
    }
    const params = parseParams(method, rawParams);
    const result = await host.callParsed(method, params);
    return { ok: true, result };
  } catch (error) {
    return { ok: false, error: toErrorData(error, method, logger) };
  }
}

export function toErrorData(error: unknown, method: unknown, logger: Logger): HostErrorData {
  if (error instanceof HostError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  logger.error('host call failed unexpectedly', { method: String(method).slice(0, 80), error: message });
  return { code: 'internal', message: `Switchboard hit an unexpected problem: ${message}` };
}
