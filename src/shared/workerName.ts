// How the page tells a starting trainer worker which dataset to fetch first and how many threads to
// train with: in its name, read before any message.

/**
 * The wasm backend's default thread count: one core is left for the page. Measured in the page on 2 cores
 * (LeNet-5, samples/s, one sitting): batch 64 trains at 3,946 on one thread and 3,810 on two (most of a
 * step is in this project's single-threaded kernels, and XNNPACK's share gains little from a second
 * thread); batch 1 at 466 on one and 206 on two (a thread pool per tiny kernel costs more than it saves);
 * and with one, the page, which draws charts during a run, keeps a core.
 */
export const defaultThreads = (cores: number) => Math.max(1, cores - 1);

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
