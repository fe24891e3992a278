import { useRef } from 'react';

/**
 * `next` if its items differ from those of the previous render's array, else that previous array:
 * a derived list keeps its identity while its items do, so the memoised chart fed with it does
 * not redraw.
 */
export function useSameItems<T>(next: T[]): T[] {
  const prev = useRef(next);
  if (prev.current.length !== next.length || prev.current.some((v, i) => !Object.is(v, next[i]))) prev.current = next;
  return prev.current;
}
