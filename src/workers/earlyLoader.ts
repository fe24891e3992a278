import type { RawDataset } from '../data/shards';
import type { DatasetLoader } from './datasetSlot';

type Progress = (loaded: number, total: number) => void;

interface InFlight {
  promise: Promise<RawDataset>;
  /** Where progress goes once the handler has taken the load over (null until then). */
  onProgress: Progress | null;
  /** The latest progress, replayed to the handler when it takes over. */
  last: [number, number] | null;
}

/**
 * Lets the worker start loading a dataset before the page has asked for it: `start` begins a load
 * at once (and returns it), and `loader`, given to the handler once it exists, hands
 * it the in-flight load for the same base URL (once) instead of loading again. Once the handler
 * asks for any dataset, early loads of other URLs are forgotten.
 */
export function createEarlyLoader(load: DatasetLoader): {
  start(baseUrl: string): Promise<RawDataset>;
  loader: DatasetLoader;
} {
  const inFlight = new Map<string, InFlight>();
  return {
    start(baseUrl) {
      const started = inFlight.get(baseUrl);
      if (started) return started.promise;
      const entry: InFlight = { promise: Promise.resolve(null as unknown as RawDataset), onProgress: null, last: null };
      entry.promise = load(baseUrl, (loaded, total) => {
        entry.last = [loaded, total];
        entry.onProgress?.(loaded, total);
      });
      // The handler reports a failure when it takes the load over; until then it is not unhandled.
      entry.promise.catch(() => undefined);
      inFlight.set(baseUrl, entry);
      return entry.promise;
    },
    loader(baseUrl, onProgress) {
      const entry = inFlight.get(baseUrl);
      // Other early loads are stale once the handler asks for a dataset: drop them, not hold them in memory.
      inFlight.clear();
      if (!entry) return load(baseUrl, onProgress);
      entry.onProgress = onProgress;
      if (entry.last) onProgress(...entry.last);
      return entry.promise;
    },
  };
}
