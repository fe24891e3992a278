// How the page tells a starting trainer worker which dataset to fetch first and how many threads to
// train with: in its name, read before any message.

/**
 * The default count of threads training on the wasm backend: every core. This project's kernels split
 * only calls large enough to gain (workers/kernels/simd/kernelPool.ts), and their helpers sleep between
 * calls, so the page keeps its turn. Measured in the page on 2 cores (samples/s, one sitting, 1 thread →
 * 2): LeNet-5 at batch 64 6,273 → 7,100, the CIFAR LeNet 2,000 → 2,481, the 1998 LeNet-5 at batch 1
 * 1,065 → 1,345 (nothing split; the sitting differed). (Before, with tfjs's own thread pool instead,
 * a second thread lost: batch 1 fell from 466 to 206.)
 */
export const defaultThreads = (cores: number) => Math.max(1, cores);

/** The most threads a page may ask the wasm backend for (a bound on what a name can carry). */
export const MAX_THREADS = 64;

/**
 * The trainer worker's name, carrying the dataset URL it should start loading as soon as it runs
 * and the wasm backend's thread count (0, left out: the default). A message would wait: the page
 * forwards messages to a starting worker only when its own main thread is free, and that is busy
 * with the first render for most of a second; and the thread count is fixed when the backend starts.
 */
export const trainerWorkerName = (prefetchUrl: string, threads = 0) =>
  `trainer?prefetch=${encodeURIComponent(prefetchUrl)}${threads > 0 ? `&threads=${threads}` : ''}`;

const query = (name: string) => new URLSearchParams(name.split('?')[1] ?? '');

/** The dataset URL in a {@link trainerWorkerName}, or null when there is none. */
export function prefetchUrlOf(name: string): string | null {
  return name.includes('?') ? query(name).get('prefetch') : null;
}

/** The thread count in a {@link trainerWorkerName}: 1 to {@link MAX_THREADS}, else 0 (the default). */
export function threadsOf(name: string): number {
  const n = Number(query(name).get('threads'));
  return Number.isInteger(n) && n >= 1 && n <= MAX_THREADS ? n : 0;
}
