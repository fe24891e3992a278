import { afterPaint } from './afterPaint';
import { BEAT_AT, BEAT_MS, BEATING_AT, BUSY, BUSY_HEAVY, PAGE_BUSY_BYTES } from '../shared/protocol';

/** The page's busy flag, shared with the trainer worker (see the `pageBusy` message). */
export interface PageBusy {
  /** The shared Int32 (index 0) the trainer reads: 0 down, {@link BUSY} or {@link BUSY_HEAVY} up. */
  readonly flag: SharedArrayBuffer;
  /** Raises the flag until the page has painted its next frame; `heavy` for a frame the trainer waits for. */
  raise(heavy?: boolean): void;
  /** Starts (a run trains) or stops the page's heartbeat; a hidden page does not beat until it shows again. */
  beat(on: boolean): void;
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
  /** Calls `fn` every `ms` until the returned function is called. */
  every?: (fn: () => void, ms: number) => () => void;
}

const everyMs = (fn: () => void, ms: number) => {
  const timer = setInterval(fn, ms);
  return () => clearInterval(timer);
};

/**
 * A busy flag the page raises when it has something to show (a worker event, a person's input) and lowers
 * once the frame showing it is painted; the trainer's kernels run on one thread while it is up, leaving a
 * core to the page.
 * A hidden page never raises it and lowers it when it hides: it has nothing to paint, and its timers (the
 * paint's fallback) run once a second at most, which kept the flag up, and training on one thread, in a
 * background tab. Null where the page has no shared memory (not cross-origin isolated): the trainer then
 * has no helper threads either.
 *
 * While a run trains, the page also beats: a timer adds one to a shared count every {@link BEAT_MS}. A timer
 * runs only when the page's thread is free, so a count that stops moving means the page is stuck in a long task
 * or a garbage collection the flag cannot announce, and the trainer waits for the next beat: V8's collections
 * of the page's heap took 55-198 ms for 25-86 ms of CPU while the trainer and its helper held both cores.
 */
export function createPageBusy({
  paint = afterPaint,
  hidden = pageHidden,
  visibility = onVisibility,
  every = everyMs,
}: PageBusyEnv = {}): PageBusy | null {
  if (typeof SharedArrayBuffer === 'undefined' || globalThis.crossOriginIsolated === false) return null;
  const flag = new SharedArrayBuffer(PAGE_BUSY_BYTES);
  const view = new Int32Array(flag);
  let waiting = false;
  const lower = () => {
    Atomics.store(view, 0, 0);
    // (A trainer waiting for the frame goes on at once.)
    Atomics.notify(view, 0);
  };
  // The heartbeat: wanted while a run trains, beating while wanted and the page shows.
  let wanted = false;
  let stopBeat: (() => void) | null = null;
  const tick = () => {
    Atomics.add(view, BEAT_AT, 1);
    // (A trainer waiting for a stuck page goes on at once.)
    Atomics.notify(view, BEAT_AT);
  };
  const setBeating = (on: boolean) => {
    if (on === (stopBeat !== null)) return;
    Atomics.store(view, BEATING_AT, on ? 1 : 0);
    stopBeat?.();
    stopBeat = on ? every(tick, BEAT_MS) : null;
    tick();
  };
  visibility(() => {
    if (hidden()) lower();
    // A hidden page's timers run once a second at most: it would look stuck.
    setBeating(wanted && !hidden());
  });
  return {
    flag,
    beat(on) {
      wanted = on;
      setBeating(on && !hidden());
    },
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
