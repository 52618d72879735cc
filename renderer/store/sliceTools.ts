// What each action module receives: the API, and typed set/get over the whole state.
import type { HostApi } from '../../app/api/index.ts';
import type { AppState } from './appState.ts';

export type SetState = (change: (state: AppState) => Partial<AppState>) => void;
export type GetState = () => AppState;

export interface SliceContext {
  api: HostApi;
  set: SetState;
  get: GetState;
  notifyError(message: string): void;
}

export function patchRecord<T>(record: Record<string, T>, key: string, value: T): Record<string, T> {
  return { ...record, [key]: value };
}

export function omitKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}
