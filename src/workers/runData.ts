import type { TrainData, TrainOptions } from '../model/train';
import { kernelL2, type ModelSpec } from '../model/spec';
import { makeBatch, previewImages, range } from '../data/batches';
import { augments, PREVIEW_COUNT, type AugmentConfig } from '../data/augment';
import { channelStats, pixelTransform, type ChannelStats, type PixelTransform } from '../data/normalize';
import type { RawDataset } from '../data/shards';
import type { PreviewImages, TrainConfig } from '../shared/protocol';
import { epochOrder, trainingCount, validationCount } from '../model/split';

/** At most one batch preview per this many ms while training. */
const PREVIEW_EVERY_MS = 2000;

/** What a run trains on: batches normalised and augmented as its config says. */
export interface RunData {
  data: TrainData;
  pixel: PixelTransform;
  stats: ChannelStats | null;
}

/**
 * Prepares a run's data view of the dataset: per-channel statistics over the samples it trains on
 * (for `standardize`), the pixel map, and training batches augmented with the run's seed.
 * `onPreview` gets the current batch's first images every couple of seconds.
 */
export function runData(ds: RawDataset, config: TrainConfig, onPreview: (p: PreviewImages) => void): RunData {
  const { imageShape, classes } = ds.manifest;
  const [h, w, c] = imageShape;
  const pool = trainingCount(config.trainSize, config.validationSplit);
  const stats =
    config.normalization === 'standardize' ? channelStats(ds.train.images, h * w * c, c, range(pool)) : null;
  const pixel = pixelTransform(config.normalization, c, stats ?? undefined);
  const augment = augments(config.augment) ? config.augment : null;
  let lastPreview = -Infinity;
  const data: TrainData = {
    trainCount: ds.train.labels.length,
    testCount: ds.test.labels.length,
    classes: classes.length,
    batch: (split, order, from, to, epoch) => {
      const aug = augment && epoch !== undefined ? { config: augment, seed: config.seed, epoch } : undefined;
      if (split === 'train' && epoch !== undefined && performance.now() - lastPreview >= PREVIEW_EVERY_MS) {
        lastPreview = performance.now();
        onPreview({
          images: previewImages(ds.train, order, from, Math.min(PREVIEW_COUNT, to - from), imageShape, aug),
          count: Math.min(PREVIEW_COUNT, to - from),
          shape: imageShape,
          epoch,
          batch: Math.floor(from / config.batchSize) + 1,
        });
      }
      return makeBatch(ds[split], order, from, to, imageShape, classes.length, { pixel, augment: aug });
    },
  };
  return { data, pixel, stats };
}

/** The first images of epoch 1's first batch, as a run with this seed and augmentation would train on them. */
export function firstBatchPreview(
  ds: RawDataset,
  augment: AugmentConfig,
  seed: number,
  trainSize: number,
  split: number,
  count: number,
): PreviewImages {
  const size = Math.min(trainSize, ds.train.labels.length);
  const pool = trainingCount(size, split);
  const order = epochOrder(pool, seed, 1);
  const n = Math.min(count, pool);
  const aug = augments(augment) ? { config: augment, seed, epoch: 1 } : undefined;
  return {
    images: previewImages(ds.train, order, 0, n, ds.manifest.imageShape, aug),
    count: n,
    shape: ds.manifest.imageShape,
    epoch: 1,
    batch: 1,
  };
}

/**
 * The training loop's options for a run: the page's settings (see `toTrainConfig`) with the split
 * as a sample count, L2 per kernel from the layers, and four progress reports a second: each one
 * re-renders part of the page, which shares the CPU with training, and the charts redraw once a
 * second anyway.
 */
export function loopOptions(config: TrainConfig, spec: ModelSpec): TrainOptions {
  return {
    ...config,
    validationCount: validationCount(config.trainSize, config.validationSplit),
    earlyStopping: config.earlyStopping ?? undefined,
    l2: kernelL2(spec.layers, config.l2),
    reportEveryMs: 250,
  };
}
