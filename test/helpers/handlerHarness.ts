// The worker's handler driven directly, as the trainer worker drives it, on a small in-memory dataset.
import { createHandler } from '../../src/workers/handler';
import { createDatasetSlot } from '../../src/workers/datasetSlot';
import type { FromWorker, ToWorker } from '../../src/shared/protocol';
import { DEFAULT_OPTIMIZER_PARAMS } from '../../src/model/optimizerIds';
import { NO_AUGMENT } from '../../src/data/augment';
import { tinyMlp } from './bandData';
import type { RawDataset } from '../../src/data/shards';

/** A dataset in the worker's uint8 format: class = row of a bright band. */
export function toyDataset(train: number, test: number): RawDataset {
  const make = (n: number) => {
    const labels = new Uint8Array(n).map((_, i) => i % 10);
    const images = new Uint8Array(n * 784);
    labels.forEach((l, i) => images.fill(255, i * 784 + (2 + 2 * l) * 28, i * 784 + (3 + 2 * l) * 28));
    return { labels, images };
  };
  const shard = { file: 'x', count: 1, bytes: 1, sha256: '0'.repeat(64) };
  return {
    manifest: {
      version: 1,
      id: 'toy',
      name: 'Toy',
      source: 'test',
      imageShape: [28, 28, 1],
      classes: [...'0123456789'],
      splits: { train: { count: train, shards: [shard] }, test: { count: test, shards: [shard] } },
    },
    train: make(train),
    test: make(test),
    fromCache: false,
  };
}

/**
 * A handler with its events collected; `until` waits for the first event matching `pred`. `onPost` sees each event
 * as the handler posts it, and may send the handler a message then (as one arriving at that moment would).
 */
export function handlerHarness(
  load = async () => toyDataset(200, 50),
  onPost: (m: FromWorker, handle: (m: ToWorker) => void) => void = () => undefined,
) {
  const events: FromWorker[] = [];
  let notify = () => undefined as void;
  const post = (m: FromWorker) => {
    events.push(m);
    onPost(m, handle);
    notify();
  };
  const handle = createHandler(post, createDatasetSlot(post, load));
  const until = (pred: (e: FromWorker) => boolean) =>
    new Promise<FromWorker>((resolve) => {
      const check = () => {
        const hit = events.find(pred);
        if (hit) resolve(hit);
      };
      notify = check;
      check();
    });
  return { handle, events, until };
}

type TrainMessage = Extract<ToWorker, { type: 'train' }>;

/** A `train` message for run `runId`: the tiny MLP on the cpu backend, 2 epochs of 200 samples; `over` replaces config fields. */
export const trainMsg = (runId: number, over: Partial<TrainMessage['config']> = {}): TrainMessage => ({
  type: 'train',
  runId,
  spec: tinyMlp,
  backend: 'cpu',
  config: {
    epochs: 2,
    batchSize: 20,
    learningRate: 0.01,
    trainSize: 200,
    seed: 1,
    optimizer: 'adam',
    optimizerParams: DEFAULT_OPTIMIZER_PARAMS,
    schedule: { kind: 'constant' },
    loss: 'crossEntropy',
    l2: 0,
    validationSplit: 0,
    earlyStopping: null,
    normalization: 'unit',
    augment: NO_AUGMENT,
    colorMode: 'rgb',
    ...over,
  },
});
