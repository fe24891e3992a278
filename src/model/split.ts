/** Validation samples held out of a pool of `trainSize` for a split fraction. */
export const validationCount = (trainSize: number, split: number) => Math.min(trainSize - 1, Math.round(trainSize * split));

/**
 * Training samples a run is set to see over all its epochs: what the worker reports as its total,
 * known from the settings alone, so a chart can size its axis before the run's first message.
 */
export const plannedSamples = (c: { epochs: number; trainSize: number; validationSplit: number }) =>
  c.epochs * (c.trainSize - validationCount(c.trainSize, c.validationSplit));
