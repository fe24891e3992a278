// Run numbers that stay unique when the playground is open in two tabs. Each tab lists the runs it
// loaded plus its own, so numbering from its own list alone gave both tabs the same next number,
// and the second run saved under it overwrote the first in the shared history. The last number
// handed out is kept in localStorage (shared by the tabs, read and written in one synchronous step).

import { safeLocalStorage } from './safeStorage';

const KEY = 'nn-playground-last-run-id';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** A run-number source: each call returns a number above `atLeast` and above every number any tab has been given. */
export function createRunIds(storage: Store | null = safeLocalStorage()) {
  let last = 0;
  return (atLeast: number): number => {
    let shared = 0;
    try {
      shared = Number(storage?.getItem(KEY) ?? 0) || 0;
    } catch {
      /* storage unavailable: this tab's own numbering */
    }
    const id = Math.max(atLeast, last, shared) + 1;
    last = id;
    try {
      storage?.setItem(KEY, String(id));
    } catch {
      /* storage full or blocked: the number is still unique within this tab */
    }
    return id;
  };
}
