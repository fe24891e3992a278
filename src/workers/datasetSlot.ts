import type { FromWorker } from '../shared/protocol';
import type { RawDataset } from '../data/shards';

/** Sends one event to the page; `transfer` lists buffers to move instead of copy. */
export type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

/** Loads a dataset by base URL; injectable so tests can supply data without fetch. */
export type DatasetLoader = (
  baseUrl: string,
  onProgress: (loaded: number, total: number) => void,
) => Promise<RawDataset>;

/** The worker's current dataset: loads the one the page asks for and tells the page how it went. */
export interface DatasetSlot {
  /** Starts loading a dataset, replacing the current one; posts progress, then ready or an error. */
  load(datasetId: string, baseUrl: string): void;
  /** The dataset last asked for once loaded, or null when none was asked for or it failed to load. */
  current(): Promise<RawDataset | null>;
}

/**
 * Creates the dataset slot. It needs no tfjs, so the worker entry runs it while the training code
 * is still loading, and the page sees "dataset ready" as soon as the shards are in.
 */
export function createDatasetSlot(post: Post, loader: DatasetLoader): DatasetSlot {
  let dataset: Promise<RawDataset | null> = Promise.resolve(null);
  return {
    load(datasetId, baseUrl) {
      // A progress message per network chunk (hundreds) kept the page re-rendering while it starts;
      // ten a second is enough for the bar.
      let lastProgress = 0;
      dataset = loader(baseUrl, (loadedBytes, totalBytes) => {
        if (loadedBytes < totalBytes && performance.now() - lastProgress < 100) return;
        lastProgress = performance.now();
        post({ type: 'datasetProgress', datasetId, loadedBytes, totalBytes });
      }).then(
        (ds) => {
          const m = ds.manifest;
          post({
            type: 'datasetReady',
            datasetId,
            info: {
              id: datasetId,
              name: m.name,
              trainCount: ds.train.labels.length,
              testCount: ds.test.labels.length,
              imageShape: m.imageShape,
              classes: m.classes,
              fromCache: ds.fromCache,
            },
          });
          return ds;
        },
        (e: Error) => {
          post({ type: 'datasetError', datasetId, message: e.message });
          return null;
        },
      );
    },
    current: () => dataset,
  };
}
