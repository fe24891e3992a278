import { MAX_THREADS, trainerWorkerName } from '../shared/workerName';
import { CONFIG_STORAGE_KEY, THREADS_STORAGE_KEY } from '../store/storageKey';

/** Where a dataset's files are served, as an absolute URL. */
export const datasetUrl = (id: string) => new URL(`${import.meta.env.BASE_URL}datasets/${id}`, location.href).href;

/** The dataset the saved settings pick, read without the app's store; 'mnist' when there are none. */
export function storedDatasetId(storage: { getItem(key: string): string | null } | null): string {
  try {
    const id = JSON.parse(storage?.getItem(CONFIG_STORAGE_KEY) ?? 'null')?.state?.config?.datasetId;
    return typeof id === 'string' && /^[\w-]{1,64}$/.test(id) ? id : 'mnist';
  } catch {
    return 'mnist';
  }
}

/** The thread count the person chose for the wasm backend (1 to MAX_THREADS), else 0: the default. */
export function storedThreadCap(storage: { getItem(key: string): string | null } | null): number {
  try {
    const n = Number(storage?.getItem(THREADS_STORAGE_KEY));
    return Number.isInteger(n) && n >= 1 && n <= MAX_THREADS ? n : 0;
  } catch {
    return 0;
  }
}

/**
 * A new training worker that starts loading the dataset at `prefetchUrl` as soon as it runs, its wasm
 * backend on `threads` threads (0: the default).
 */
export function createTrainerWorker(prefetchUrl: string, threads = 0): Worker {
  return new Worker(new URL('../workers/trainer.worker.ts', import.meta.url), {
    type: 'module',
    name: trainerWorkerName(prefetchUrl, threads),
  });
}

/** The smallest part of a Worker used here (tests pass a stand-in). */
type WorkerLike = Pick<Worker, 'addEventListener' | 'terminate'>;

let early: { worker: WorkerLike; url: string; failed: boolean } | null = null;
let taken = false;

/**
 * Starts the training worker for the saved settings' dataset (see `src/main.tsx`), unless the app
 * already has one. The app takes it over with {@link takeEarlyWorker}.
 */
export function startEarlyWorker(url: string, create: (url: string) => WorkerLike = createTrainerWorker): void {
  if (taken || early) return;
  const entry = { worker: create(url), url, failed: false };
  entry.worker.addEventListener(
    'error',
    () => {
      entry.failed = true;
    },
    { once: true },
  );
  early = entry;
}

/**
 * The early worker if it is loading `url` and has not failed to start (else it is stopped and
 * null is returned: the caller makes its own). Only the first call can get it; after that call
 * no early worker is started any more.
 */
export function takeEarlyWorker<W extends WorkerLike = Worker>(url: string): W | null {
  taken = true;
  const e = early;
  early = null;
  if (!e) return null;
  if (e.failed || e.url !== url) {
    e.worker.terminate();
    return null;
  }
  return e.worker as W;
}
