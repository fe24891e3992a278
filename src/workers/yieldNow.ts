/**
 * Resolves on the next macrotask, letting queued messages (pause, stop, predict) run between
 * batches. A MessageChannel avoids setTimeout's 4 ms clamp for nested timers.
 */
export function createYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

/**
 * A yield that takes a macrotask turn only when `everyMs` have passed since the last one, else
 * resolves at once. Between training steps: at batch 1 a LeNet-5 step takes ~2 ms and a turn per
 * step cost a tenth of it; a message still waits at most `everyMs` plus one step.
 */
export function createThrottledYield(
  everyMs: number,
  now: () => number = () => performance.now(),
  turn: () => Promise<void> = createYield(),
) {
  let last = -Infinity;
  return async (): Promise<void> => {
    if (now() - last < everyMs) return;
    await turn();
    last = now();
  };
}
