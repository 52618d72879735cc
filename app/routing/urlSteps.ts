// The URL steps a server says a tool call needs first (-32042, URL elicitation required), read from its error.
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { MAX_URL_STEPS_SHOWN } from '../base/timeouts.ts';

export interface UrlStep {
  url: string;
  elicitationId: string;
  message: string;
}

/** The steps in `error` (or in one of its first causes), or undefined when it is not a -32042 with any. */
export function urlStepsOf(error: unknown): UrlStep[] | undefined {
  for (let e: unknown = error, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof McpError && e.code === ErrorCode.UrlElicitationRequired) {
      const list = (e.data as { elicitations?: unknown } | undefined)?.elicitations;
      if (!Array.isArray(list)) return undefined;
      const steps = list.filter(
        (x): x is UrlStep => !!x && typeof x === 'object' && typeof (x as UrlStep).url === 'string' && typeof (x as UrlStep).elicitationId === 'string',
      );
      return steps.length > 0 ? steps.slice(0, MAX_URL_STEPS_SHOWN) : undefined;
    }
  }
  return undefined;
}
