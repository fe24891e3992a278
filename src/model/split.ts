// Which samples a run trains on, and in what order: the rules the worker trains by and the page
// plans and validates with, kept in one place.
import { permutation } from './rng';

/** Validation samples held out of a pool of `trainSize` for a split fraction (always leaving one to train on). */
export const validationCount = (trainSize: number, split: number) =>
  Math.min(trainSize - 1, Math.round(trainSize * split));

/** Samples an epoch trains on: the pool of `trainSize` minus the validation samples held out from its end. */
export const trainingCount = (trainSize: number, split: number) => trainSize - validationCount(trainSize, split);

/**
 * Training samples a run is set to see over all its epochs: what the worker reports as its total,
 * known from the settings alone, so a chart can size its axis before the run's first message.
 */
export const plannedSamples = (c: { epochs: number; trainSize: number; validationSplit: number }) =>
  c.epochs * trainingCount(c.trainSize, c.validationSplit);

/**
 * The order epoch `epoch` (1-based) visits the first `count` training samples in: a permutation
 * seeded by the run's seed and the epoch, so one seed fixes every epoch's shuffle.
 */
export const epochOrder = (count: number, seed: number, epoch: number): Int32Array =>
  permutation(count, seed * 1000 + epoch);
