// A tool call's status as a word and a colour token.
import type { ToolCallStatus } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';

export function toolStatusWord(status: ToolCallStatus): { word: string; tone: 'wait' | 'run' | 'ok' | 'bad' | 'off' } {
  switch (status) {
    case 'pending':
      return { word: 'queued', tone: 'wait' };
    case 'awaiting-approval':
      return { word: 'waiting for approval', tone: 'wait' };
    case 'running':
      return { word: 'running', tone: 'run' };
    case 'done':
      return { word: 'done', tone: 'ok' };
    case 'error':
      return { word: 'error', tone: 'bad' };
    case 'denied':
      return { word: 'denied', tone: 'off' };
    case 'cancelled':
      return { word: 'cancelled', tone: 'off' };
    default:
      return assertNever(status);
  }
}
