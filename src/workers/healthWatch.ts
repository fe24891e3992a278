import type * as tf from '@tensorflow/tfjs';
import { measureHealth } from '../model/health';
import type { ModelSpec } from '../model/spec';
import type { LossId, TrainCallbacks, TrainData } from '../model/train';
import { trainingCount } from '../model/split';
import { range } from '../data/batches';
import type { Post } from './datasetSlot';

/** Samples in the fixed probe batch the health is measured on. */
export const PROBE_SAMPLES = 64;
/** Measurements per epoch besides the one at its end. */
export const MEASURES_PER_EPOCH = 4;

/**
 * Watches a run's training health: on a fixed probe batch (the first training samples, not
 * augmented), every weighted layer is measured a few times per epoch and at each epoch's end,
 * and each measurement is posted as a `health` event. `inspect` goes to the training loop.
 */
export function createHealthWatch(
  model: tf.LayersModel,
  spec: ModelSpec,
  data: TrainData,
  config: { trainSize: number; validationSplit: number; batchSize: number; loss: LossId },
  post: Post,
  runId: number,
): Required<Pick<TrainCallbacks, 'inspect'>> & { dispose(): void } {
  const pool = trainingCount(config.trainSize, config.validationSplit);
  const n = Math.min(PROBE_SAMPLES, pool);
  const probe = data.batch('train', range(n), 0, n);
  const every = Math.max(1, Math.ceil(Math.ceil(pool / config.batchSize) / MEASURES_PER_EPOCH));
  let previous: Map<number, Float32Array> | null = null;
  return {
    async inspect({ epoch, step, epochEnd }) {
      if (!epochEnd && step % every !== 0) return;
      const { layers, kernels } = await measureHealth(model, spec, probe, config.loss, previous);
      previous = kernels;
      post({ type: 'health', runId, sample: { step, epoch, epochEnd, layers } });
    },
    dispose() {
      probe.xs.dispose();
      probe.ys.dispose();
    },
  };
}
