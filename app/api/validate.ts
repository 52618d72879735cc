// The one place params are checked. Both bridges call it; the core never sees unchecked input.
import { HostError } from './errors.ts';
import { isHostMethod, type HostMethod } from './contract.ts';
import { methodSchemas, type ParsedParams } from './schemas.ts';

export function parseParams<M extends HostMethod>(method: M, raw: unknown): ParsedParams<M>;
export function parseParams(method: string, raw: unknown): unknown;
export function parseParams(method: string, raw: unknown): unknown {
  if (!isHostMethod(method)) {
    throw new HostError('unknown-method', `There is no method called "${String(method).slice(0, 80)}".`);
  }
  const result = methodSchemas[method].safeParse(raw ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
        .join('.')
        .replace(/\.\[/g, '['),
      message: issue.message,
    }));
    const first = issues[0];
    const where = first && first.path ? ` at ${first.path}` : '';
    throw new HostError('invalid-params', `Invalid request for ${method}${where}: ${first?.message ?? 'bad params'}`, issues);
  }
  return result.data;
}
