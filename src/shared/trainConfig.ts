// The page's settings as the worker trains them: the one translation between the two shapes.
import type { Config } from './config';
import type { TrainConfig } from './protocol';

/**
 * The part of a config a run needs besides the architecture (see {@link TrainConfig}): early
 * stopping becomes `{ patience }` or null; the dataset, layers and backend travel separately.
 */
export function toTrainConfig(c: Config): TrainConfig {
  return {
    epochs: c.epochs,
    batchSize: c.batchSize,
    learningRate: c.learningRate,
    trainSize: c.trainSize,
    seed: c.seed,
    optimizer: c.optimizer,
    optimizerParams: c.optimizerParams,
    schedule: c.schedule,
    loss: c.loss,
    l2: c.l2,
    validationSplit: c.validationSplit,
    earlyStopping: c.earlyStopping ? { patience: c.patience } : null,
    normalization: c.normalization,
    augment: c.augment,
    colorMode: c.colorMode,
  };
}
