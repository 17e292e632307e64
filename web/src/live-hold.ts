import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';

/** "Tạm dừng cập nhật": the reader's choice, kept for the tab, shared by every live table. Off by default (decision 0032). */
export const livePaused = signal<boolean>(sessionStorage.getItem('nhipso.livePaused') === '1');

export function setLivePaused(paused: boolean): void {
  livePaused.value = paused;
  sessionStorage.setItem('nhipso.livePaused', paused ? '1' : '0');
}

/** How long after the last touch, scroll or key in a table its rows are still held. */
const INTERACTION_MS = 8000;

export interface Held<T> {
  /** The data on screen: the latest, or what was there when holding began. */
  shown: T | undefined;
  /** Changed rows waiting ("N thay đổi mới"); 0 when nothing waits. */
  pending: number;
  apply: () => void;
  /** Handlers for the table's box: touching, scrolling or focusing it holds its rows. */
  bind: Record<string, () => void>;
}

/**
 * Live data that does not move under the reader: while paused, or while the reader touches or has focus in the table,
 * new data waits and is counted; `apply` (or the end of the interaction, when not paused) shows it. A new `scope`
 * (another month, level, unit) is what the reader asked for and shows at once.
 */
export function useHeld<T>(data: T | undefined, scope: string, changes: (shown: T, next: T) => number): Held<T> {
  const [shown, setShown] = useState<{ data: T | undefined; scope: string }>({ data, scope });
  const latest = useRef(data);
  latest.current = data;
  const until = useRef(0);
  const focused = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const holding = () => livePaused.value || focused.current || Date.now() < until.current;
  const apply = () => setShown({ data: latest.current, scope });
  const settle = () => {
    if (!holding()) apply();
  };

  const stale = shown.scope !== scope || shown.data === undefined;
  useEffect(() => {
    if (stale || !holding()) apply();
  }, [data, scope, livePaused.value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const touched = () => {
    until.current = Date.now() + INTERACTION_MS;
    clearTimeout(timer.current);
    timer.current = setTimeout(settle, INTERACTION_MS + 50);
  };
  const current = stale ? data : shown.data;
  const pending = current !== undefined && data !== undefined && current !== data ? changes(current, data) : 0;
  return {
    shown: current,
    pending,
    apply,
    bind: {
      onPointerDown: touched,
      onWheel: touched,
      onTouchMove: touched,
      onKeyDown: touched,
      onFocusIn: () => { focused.current = true; },
      onFocusOut: () => { focused.current = false; touched(); },
    },
  };
}

/** How many rows differ between two lists: added, removed, or with another signature (value, rank…). */
export function changedRows<R>(before: readonly R[], after: readonly R[], key: (r: R) => string, signature: (r: R) => string): number {
  const old = new Map(before.map((r) => [key(r), signature(r)]));
  let n = 0;
  for (const r of after) {
    const k = key(r);
    if (old.get(k) !== signature(r)) n++;
    old.delete(k);
  }
  return n + old.size;
}
