/** The longest wait: a hidden tab paints no frames, and what waits must still happen. */
export const AFTER_PAINT_MAX_MS = 100;

/**
 * Calls `fn` once, in a task after the browser has painted the page's next frame (a timeout set in
 * that frame's animation callback runs after its paint), or after {@link AFTER_PAINT_MAX_MS} when
 * no frame comes. Written by hand: the web has no "after the next paint" callback, and this is
 * two lines of the usual idiom with a fallback.
 */
export function afterPaint(fn: () => void): void {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    clearTimeout(fallback);
    fn();
  };
  const fallback = setTimeout(once, AFTER_PAINT_MAX_MS);
  // (Node, where the client's tests run, has no frames.)
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
}
