// Something an app asks for that waits for the person (a message to Claude, files to save): shown in the
// app's frame, done only when the person says yes. One ask waits at a time; more are refused meanwhile, and
// one still waiting when the app is torn down is refused.
import { useCallback, useEffect, useRef, useState } from 'react';

interface Waiting<T> {
  value: T;
  resolve(done: boolean): void;
}

export interface AppAsk<T> {
  pending: T | null;
  /** Resolves true once the person said yes and `act` succeeded; false if they said no or it failed. */
  request(value: T): Promise<boolean>;
  answer(yes: boolean): Promise<void>;
}

export function useAppAsk<T>(act: (value: T) => Promise<void>): AppAsk<T> {
  const [pending, setPending] = useState<T | null>(null);
  const waiting = useRef<Waiting<T> | null>(null);
  const actRef = useRef(act);
  actRef.current = act;

  useEffect(
    () => () => {
      waiting.current?.resolve(false);
      waiting.current = null;
    },
    [],
  );

  const request = useCallback((value: T) => {
    if (waiting.current) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      waiting.current = { value, resolve };
      setPending(() => value);
    });
  }, []);

  const answer = useCallback(async (yes: boolean) => {
    const w = waiting.current;
    if (!w) return;
    waiting.current = null;
    setPending(null);
    if (!yes) return w.resolve(false);
    try {
      await actRef.current(w.value);
      w.resolve(true);
    } catch {
      w.resolve(false);
    }
  }, []);

  return { pending, request, answer };
}
