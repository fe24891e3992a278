import { useRef } from 'react';

/**
 * Whether `a` and `b` hold the same items: arrays item by item, plain objects key by key (`Object.is`).
 * Why not zustand's `shallow`: it compares two arrays by building a `Map` of each, and the page runs
 * dozens of list selectors (every run's id, label, config...) at each store update, several a second
 * while a run trains. With 25 runs on the page those Maps were ~40% of what the page allocated while
 * training (25 of 72 MB sampled over two runs), paid back in 50-80 ms garbage-collection pauses.
 */
export function sameItems(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  let keys = 0;
  for (const k in x) {
    if (!Object.hasOwn(y, k) || !Object.is(x[k], y[k])) return false;
    keys++;
  }
  for (const k in y) if (Object.hasOwn(y, k)) keys--;
  return keys === 0;
}

/**
 * zustand's `useShallow` with {@link sameItems}: wraps a store selector so that its result keeps its
 * identity (and the component does not re-render) while the items it returns stay the same.
 */
export function useShallowItems<S, U>(selector: (state: S) => U): (state: S) => U {
  const prev = useRef<U | undefined>(undefined);
  return (state) => {
    const next = selector(state);
    return sameItems(prev.current, next) ? (prev.current as U) : (prev.current = next);
  };
}
