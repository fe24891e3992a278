import { afterPaint } from './afterPaint';

/** The page's busy flag, shared with the trainer worker (see the `pageBusy` message). */
export interface PageBusy {
  /** The shared Int32 (index 0) the trainer reads. */
  readonly flag: SharedArrayBuffer;
  /** Raises the flag until the page has painted its next frame. */
  raise(): void;
}

/**
 * A busy flag the page raises when it has something to show (a worker event, a person's input) and lowers
 * once the frame showing it is painted; the trainer's kernels run on one thread while it is up, leaving a
 * core to the page. Null where the page has no shared memory (not cross-origin isolated): the trainer then
 * has no helper threads either.
 */
export function createPageBusy(paint: (fn: () => void) => void = afterPaint): PageBusy | null {
  if (typeof SharedArrayBuffer === 'undefined' || globalThis.crossOriginIsolated === false) return null;
  const flag = new SharedArrayBuffer(4);
  const view = new Int32Array(flag);
  let waiting = false;
  return {
    flag,
    raise() {
      Atomics.store(view, 0, 1);
      if (waiting) return;
      waiting = true;
      paint(() => {
        waiting = false;
        Atomics.store(view, 0, 0);
      });
    },
  };
}
