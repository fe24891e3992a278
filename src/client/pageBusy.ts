import { afterPaint } from './afterPaint';
import { BUSY, BUSY_HEAVY } from '../shared/protocol';

/** The page's busy flag, shared with the trainer worker (see the `pageBusy` message). */
export interface PageBusy {
  /** The shared Int32 (index 0) the trainer reads: 0 down, {@link BUSY} or {@link BUSY_HEAVY} up. */
  readonly flag: SharedArrayBuffer;
  /** Raises the flag until the page has painted its next frame; `heavy` for a frame the trainer waits for. */
  raise(heavy?: boolean): void;
}

export { BUSY, BUSY_HEAVY };

/** Whether the page is hidden (another tab, a minimised window): it then paints nothing. */
const pageHidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';
/** Calls `fn` whenever the page's visibility changes (never where there is no document). */
const onVisibility = (fn: () => void) => {
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', fn);
};

/** What the page's busy flag needs from the page; the defaults are the browser's. */
export interface PageBusyEnv {
  /** Runs a callback after the next paint. */
  paint?: (fn: () => void) => void;
  /** Whether the page is hidden now. */
  hidden?: () => boolean;
  /** Subscribes to visibility changes. */
  visibility?: (fn: () => void) => void;
}

/**
 * A busy flag the page raises when it has something to show (a worker event, a person's input) and lowers
 * once the frame showing it is painted; the trainer's kernels run on one thread while it is up, leaving a
 * core to the page.
 * A hidden page never raises it and lowers it when it hides: it has nothing to paint, and its timers (the
 * paint's fallback) run once a second at most, which kept the flag up, and training on one thread, in a
 * background tab. Null where the page has no shared memory (not cross-origin isolated): the trainer then
 * has no helper threads either.
 */
export function createPageBusy({
  paint = afterPaint,
  hidden = pageHidden,
  visibility = onVisibility,
}: PageBusyEnv = {}): PageBusy | null {
  if (typeof SharedArrayBuffer === 'undefined' || globalThis.crossOriginIsolated === false) return null;
  const flag = new SharedArrayBuffer(4);
  const view = new Int32Array(flag);
  let waiting = false;
  const lower = () => {
    Atomics.store(view, 0, 0);
    // (A trainer waiting for the frame goes on at once.)
    Atomics.notify(view, 0);
  };
  visibility(() => {
    if (hidden()) lower();
  });
  return {
    flag,
    raise(heavy = false) {
      if (hidden()) return;
      const level = heavy ? BUSY_HEAVY : BUSY;
      if (Atomics.load(view, 0) < level) Atomics.store(view, 0, level);
      if (waiting) return;
      waiting = true;
      paint(() => {
        waiting = false;
        lower();
      });
    },
  };
}
