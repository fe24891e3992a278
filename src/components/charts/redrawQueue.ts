/**
 * Hands out chart redraws one at a time, at least `gapMs` apart. A recharts redraw costs tens of
 * milliseconds of main thread; when an epoch ends, four charts want to redraw at once and would
 * land in one long task (recharts flushes its store in the same animation frame). Spread out,
 * each redraw is its own short task and the page keeps answering input in between.
 */
export interface RedrawQueue {
  /** Queue `redraw` (once: asking again while queued is a no-op). Returns a function that cancels it. */
  request(redraw: () => void): () => void;
}

/** A queue on the given timer; `setTimeout` in the page, a fake timer in tests. */
export function createRedrawQueue(
  gapMs: number,
  later: (fn: () => void, ms: number) => unknown = setTimeout,
): RedrawQueue {
  const waiting: (() => void)[] = [];
  let busy = false;
  const pump = () => {
    const next = waiting.shift();
    if (!next) {
      busy = false;
      return;
    }
    busy = true;
    next();
    later(pump, gapMs);
  };
  return {
    request(redraw) {
      if (!waiting.includes(redraw)) waiting.push(redraw);
      if (!busy) {
        busy = true;
        later(pump, 0);
      }
      return () => {
        const i = waiting.indexOf(redraw);
        if (i >= 0) waiting.splice(i, 1);
      };
    },
  };
}
