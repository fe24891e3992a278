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
