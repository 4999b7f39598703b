import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './client';

export interface Loaded<T> {
  readonly data: T | null;
  readonly error: ApiError | null;
  readonly loading: boolean;
  reload(): void;
}

/** Loads data for a page; re-runs when `deps` change. */
export const useApi = <T,>(load: () => Promise<T>, deps: unknown[] = []): Loaded<T> => {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    // Per-run flag: a slower earlier request must never overwrite a newer one's answer.
    const live = { current: true };
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => live.current && setState({ data, error: null, loading: false }),
      (e: unknown) =>
        live.current &&
        setState({ data: null, error: e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e)), loading: false }),
    );
    return () => {
      live.current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
};
