import { useEffect, useRef, useState } from 'preact/hooks';
import { onLiveChange, type ChangeMessage } from './live.ts';

export interface Resource<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data for a page and keeps it current: reloads when `deps` change, and when a live change that `relevant`
 * accepts arrives. Reloads are coalesced (one in flight, at most one queued) and keep the old data on screen.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[], relevant?: (m: ChangeMessage) => boolean): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const relevantRef = useRef(relevant);
  relevantRef.current = relevant;
  const control = useRef({ inFlight: false, queued: false, generation: 0, abort: undefined as AbortController | undefined });

  const run = (fresh: boolean) => {
    const c = control.current;
    if (fresh) {
      c.generation++;
      c.abort?.abort();
      c.queued = false;
      c.inFlight = false;
    } else if (c.inFlight) {
      c.queued = true;
      return;
    }
    const generation = c.generation;
    const abort = new AbortController();
    c.abort = abort;
    c.inFlight = true;
    if (fresh) setState((s) => ({ ...s, loading: true }));
    loadRef.current(abort.signal).then(
      (data) => {
        if (generation !== c.generation) return;
        setState({ data, loading: false });
      },
      (error: unknown) => {
        if (generation !== c.generation || abort.signal.aborted) return;
        setState((s) => ({ data: s.data, error: error instanceof Error ? error : new Error(String(error)), loading: false }));
      },
    ).finally(() => {
      if (generation !== c.generation) return;
      c.inFlight = false;
      if (c.queued) {
        c.queued = false;
        run(false);
      }
    });
  };

  useEffect(() => {
    run(true);
    return () => control.current.abort?.abort();
  }, deps);

  useEffect(() => onLiveChange((m) => {
    if (relevantRef.current?.(m)) run(false);
  }), []);

  return { ...state, loading: state.loading, reload: () => run(true) } as Resource<T>;
}

/** A value that changed since the last render flashes for a moment, so the eye finds what moved. */
export function useFlash(value: unknown): number {
  const previous = useRef(value);
  const count = useRef(0);
  if (!Object.is(previous.current, value)) {
    previous.current = value;
    count.current++;
  }
  return count.current;
}

export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
