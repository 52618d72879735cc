// Applies one added/removed step of a pending-requests list (sampling, elicitation) sent by the core.
import { assertNever } from '../../app/api/errors.ts';
import type { PendingChange } from '../../app/api/views.ts';

export function applyPendingChange<V extends { id: string }>(list: V[], change: PendingChange<V>): V[] {
  switch (change.kind) {
    case 'added':
      return [...list.filter((v) => v.id !== change.request.id), change.request];
    case 'removed':
      return list.some((v) => v.id === change.id) ? list.filter((v) => v.id !== change.id) : list;
    default:
      return assertNever(change);
  }
}

/** The list after a sequence of changes, from empty. */
export function replay<V extends { id: string }>(changes: PendingChange<V>[]): V[] {
  return changes.reduce<V[]>(applyPendingChange, []);
}
