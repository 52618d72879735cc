// Turns anything a HostApi call throws into a message for a person, keeping field issues for forms.
import type { ActionError } from './appState.ts';

export function toActionError(error: unknown): ActionError {
  if (typeof error === 'object' && error !== null) {
    const e = error as { message?: unknown; code?: unknown; issues?: unknown };
    const message = typeof e.message === 'string' && e.message ? e.message : 'Something went wrong.';
    const out: ActionError = { message };
    if (typeof e.code === 'string') out.code = e.code;
    if (Array.isArray(e.issues)) {
      out.issues = e.issues
        .filter((i): i is { path: string; message: string } => typeof i?.path === 'string' && typeof i?.message === 'string')
        .map((i) => ({ path: i.path, message: i.message }));
    }
    return out;
  }
  return { message: typeof error === 'string' ? error : 'Something went wrong.' };
}
