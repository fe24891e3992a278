import { useState } from 'react';

/**
 * `next` if its items differ from those of the previous render's array, else that previous array:
 * a derived list keeps its identity while its items do, so the memoised chart fed with it does
 * not redraw. (State set during render, as React documents for values derived from the last render.)
 */
export function useSameItems<T>(next: T[]): T[] {
  const [kept, setKept] = useState(next);
  if (kept.length !== next.length || kept.some((v, i) => !Object.is(v, next[i]))) {
    setKept(next);
    return next;
  }
  return kept;
}
