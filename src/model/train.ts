import * as tf from '@tensorflow/tfjs';
import { epochOrder } from './split';
import { lrAt, type Schedule } from './schedules';
import { setLearningRate } from './optimizers';
import { EarlyStopper } from './earlyStopping';
import { applyLayers, inferLogits } from './forward';
import { batchAccuracy } from './accuracy';
import { meanSquaredErrorOfSoftmax } from './softmaxMse';
import { meanSoftmaxCrossEntropy } from './softmaxCrossEntropy';

/**
 * Training loss: softmax cross-entropy on the logits, or mean squared error between the softmax
 * probabilities and the one-hot targets (the 1998 setup), averaged over batch and classes.
 */
export type LossId = 'crossEntropy' | 'mse';

/** What the loop needs from a dataset: batches as tensors (the loop disposes them). */
export interface TrainData {
  trainCount: number;
  testCount: number;
  /** Number of classes; sets the divergence limit (see {@link DivergedError}). */
  classes: number;
  /**
   * Samples order[from..to) of a split as normalised inputs and one-hot ys. `epoch` is given for
   * training batches only: the data may augment them with transforms seeded by it.
   */
  batch(
    split: 'train' | 'test',
    order: ArrayLike<number>,
    from: number,
    to: number,
    epoch?: number,
  ): { xs: tf.Tensor4D; ys: tf.Tensor2D };
}

/**
 * Loop settings. The first `trainSize` samples of the training split are the pool; the last
 * `validationCount` of them are held out for validation and the rest make one epoch.
 */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  trainSize: number;
  /** Samples held out from the end of the pool and evaluated after each epoch (default 0). */
  validationCount?: number;
  /** Stop when the validation loss has not improved for `patience` epochs, and restore the best weights. */
  earlyStopping?: { patience: number };
  seed: number;
  /** Evaluate on at most this many test samples (default: all). */
  testSize?: number;
  /** How often batch metrics are read back and reported, in ms (default 100). */
  reportEveryMs?: number;
  /** Base learning rate and its per-epoch schedule; without them the optimizer's rate stays. */
  learningRate?: number;
  schedule?: Schedule;
  loss?: LossId;
  /**
   * L2 penalty, as Keras's l2(λ): adds λ · Σw² of kernels (not biases) to the loss. One number
   * applies to every kernel; a list gives λ per kernel in model order (0 = none).
   */
  l2?: number | readonly number[];
}

/** Batch metrics read back since the last report, plus progress. */
export interface ProgressReport {
  epoch: number;
  /** Global step (0-based) of `loss[0]`. */
  fromStep: number;
  loss: number[];
  acc: number[];
  samplesDone: number;
  samplesTotal: number;
  /** Training samples per second over this epoch, excluding paused time and evaluation. */
  samplesPerSec: number;
  /** Learning rate in use this epoch (null when no schedule drives it). */
  lr: number | null;
}

/** Metrics for one finished epoch. Losses are the run's loss (without the L2 term); accuracies in [0, 1]. */
export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
  seconds: number;
  samplesPerSec: number;
  /** `tf.memory().numTensors` after the epoch, to prove nothing leaks. */
  numTensors: number;
  /** Learning rate used in this epoch, when a schedule drives it. */
  lr?: number;
  /** Loss and accuracy on the held-out validation samples, when there are any. */
  valLoss?: number;
  valAcc?: number;
}

/** Why early stopping ended a run. */
export interface EarlyStop {
  /** Last epoch trained. */
  epoch: number;
  bestEpoch: number;
  bestValLoss: number;
}

/** How a run ended: 'done' (all epochs, or stopped early by the validation loss) or 'stopped' by the person. */
export interface TrainResult {
  status: 'done' | 'stopped';
  earlyStop?: EarlyStop;
  /** With early stopping on but not triggered: the earlier epoch whose weights were restored at the end. */
  restoredEpoch?: number;
}

/** Hooks the loop calls; `control` lets the owner pause and stop between batches. */
export interface TrainCallbacks {
  onProgress(r: ProgressReport): void;
  onEpochEnd(m: EpochMetrics): void;
  /** Resolves when the loop may continue (immediately unless paused); true means stop. */
  checkpoint(): Promise<boolean>;
  /**
   * Called after every training step and after each epoch's evaluation, outside the timed part
   * of the step (it does not count against samples/s): a chance to look inside the model.
   */
  inspect?(at: { epoch: number; step: number; epochEnd: boolean }): Promise<void>;
}

/** Thrown when the loss becomes NaN or infinite. */
export class NonFiniteLossError extends Error {
  constructor(public step: number) {
    super(`The loss became NaN or infinite at step ${step + 1}. Try a lower learning rate.`);
  }
}

/**
 * Thrown when the loss explodes past {@link divergenceLimit}: cross-entropy that far above
 * chance level (ln classes) means the weights are running away, and it only gets worse.
 */
export class DivergedError extends Error {
  constructor(
    public step: number,
    public loss: number,
    classes: number,
  ) {
    super(
      `The loss exploded to ${loss.toPrecision(3)} at step ${step + 1} (chance level is ${Math.log(classes).toFixed(2)}). ` +
        'Training diverged: try a lower learning rate.',
    );
  }
}

/** Loss above which a run counts as diverged: 100x the chance-level cross-entropy. */
export const divergenceLimit = (classes: number) => 100 * Math.log(classes);

/** Per-sample losses [n] of `logits` against one-hot `ys`. */
export function sampleLosses(loss: LossId, ys: tf.Tensor, logits: tf.Tensor): tf.Tensor1D {
  return tf.tidy(
    () =>
      (loss === 'mse'
        ? tf.mean(tf.squaredDifference(ys, tf.softmax(logits)), 1)
        : tf.losses.softmaxCrossEntropy(ys, logits, undefined, undefined, tf.Reduction.NONE)) as tf.Tensor1D,
  );
}

/** Σ λ·w² over the model's kernels (biases and BatchNorm parameters are not penalised). */
function kernelPenalty(model: tf.LayersModel, l2: number | readonly number[]): tf.Scalar {
  const kernels = model.trainableWeights.filter((w) => /kernel$/.test(w.originalName));
  if (typeof l2 !== 'number' && l2.length !== kernels.length) {
    throw new Error(`L2 has ${l2.length} coefficients for ${kernels.length} kernels.`);
  }
  const terms = kernels.flatMap((w, i) => {
    const lambda = typeof l2 === 'number' ? l2 : l2[i];
    return lambda > 0 ? [tf.mul(lambda, tf.sum(tf.square(w.read())))] : [];
  });
  return (terms.length ? tf.addN(terms) : tf.scalar(0)) as tf.Scalar;
}

const hasPenalty = (l2: number | readonly number[] | undefined) =>
  typeof l2 === 'number' ? l2 > 0 : !!l2?.some((v) => v > 0);

/**
 * One optimisation step; returns [loss, accuracy] scalars the caller must dispose. The returned
 * loss is the data loss; the L2 term (if any) is minimised but not reported.
 */
export function trainStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  xs: tf.Tensor,
  ys: tf.Tensor,
  opts: { loss?: LossId; l2?: number | readonly number[] } = {},
): [tf.Scalar, tf.Scalar] {
  let acc: tf.Scalar | null = null;
  let dataLoss: tf.Scalar | null = null;
  const total = optimizer.minimize(() => {
    const logits = (
      model instanceof tf.Sequential ? applyLayers(model, xs, true) : model.apply(xs, { training: true })
    ) as tf.Tensor2D;
    acc = tf.keep(batchAccuracy(logits, ys as tf.Tensor2D));
    dataLoss = tf.keep(
      opts.loss === 'mse' ? meanSquaredErrorOfSoftmax(ys, logits) : meanSoftmaxCrossEntropy(ys, logits),
    );
    return hasPenalty(opts.l2) ? (tf.add(dataLoss, kernelPenalty(model, opts.l2!)) as tf.Scalar) : dataLoss;
  }, true) as tf.Scalar;
  if (total !== dataLoss) total.dispose();
  return [dataLoss!, acc!];
}

/**
 * Mean loss and accuracy on samples `indices` of a split (default: the first `n` test samples),
 * in batches of 500. `checkpoint` runs between batches so messages keep flowing; returns null if
 * it asks to stop.
 */
export async function evaluate(
  model: tf.LayersModel,
  data: TrainData,
  n: number,
  checkpoint: () => Promise<boolean>,
  lossId: LossId = 'crossEntropy',
  split: 'train' | 'test' = 'test',
  indices: ArrayLike<number> = Int32Array.from({ length: n }, (_, i) => i),
): Promise<{ loss: number; acc: number } | null> {
  let sums = tf.zeros([2]);
  for (let from = 0; from < n; from += 500) {
    const to = Math.min(n, from + 500);
    const next = tf.tidy(() => {
      const { xs, ys } = data.batch(split, indices, from, to);
      const logits = inferLogits(model, xs) as tf.Tensor2D;
      const loss = tf.sum(sampleLosses(lossId, ys, logits));
      const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(ys, 1)), 'float32'));
      return sums.add(tf.stack([loss, correct]));
    });
    sums.dispose();
    sums = next;
    if (await checkpoint()) {
      sums.dispose();
      return null;
    }
  }
  const [loss, correct] = await sums.data();
  sums.dispose();
  return { loss: loss / n, acc: correct / n };
}

/** Batches a GPU backend may have queued before the loop waits for their metrics. */
const MAX_QUEUED_BATCHES = 4;

async function readPending(pending: tf.Scalar[]): Promise<number[]> {
  if (pending.length === 0) return [];
  const stacked = tf.stack(pending);
  const values = Array.from(await stacked.data());
  stacked.dispose();
  pending.forEach((t) => t.dispose());
  pending.length = 0;
  return values;
}

/** Loss and accuracy sums of one epoch's batches, read back on a cadence. */
interface EpochTally {
  lossSum: number;
  accSum: number;
  activeMs: number;
}

/**
 * Trains one epoch; returns its tally, or null if `checkpoint` asked to stop. Batch metrics are
 * read back (and checked for divergence) every `reportEveryMs` or every {@link MAX_QUEUED_BATCHES}
 * batches, whichever comes first, but reported only every `reportEveryMs`: at batch 1 the second
 * rule alone would post ~100 reports a second, each a store update and a render on the page.
 */
async function trainEpoch(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  data: TrainData,
  opts: TrainOptions,
  cb: TrainCallbacks,
  epoch: number,
  firstStep: number,
  lr: number | null,
): Promise<EpochTally | null> {
  const poolSize = opts.trainSize - (opts.validationCount ?? 0);
  const every = opts.reportEveryMs ?? 100;
  const order = epochOrder(poolSize, opts.seed, epoch);
  const pending: tf.Scalar[] = [];
  const tally: EpochTally = { lossSum: 0, accSum: 0, activeMs: 0 };
  // Read back: batches up to `readStep`; reported: up to `fromStep` (the ones between wait in `loss`, `acc`).
  let fromStep = firstStep,
    readStep = firstStep,
    seen = 0,
    lastReport = performance.now();
  let loss: number[] = [],
    acc: number[] = [];
  const readBack = async () => {
    const t0 = performance.now();
    const values = await readPending(pending);
    const newLoss = values.filter((_, i) => i % 2 === 0);
    const bad = newLoss.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new NonFiniteLossError(readStep + bad);
    const huge = newLoss.findIndex((v) => v > divergenceLimit(data.classes));
    if (huge >= 0) throw new DivergedError(readStep + huge, newLoss[huge], data.classes);
    newLoss.forEach((v, i) => {
      tally.lossSum += v;
      tally.accSum += values[2 * i + 1];
      loss.push(v);
      acc.push(values[2 * i + 1]);
    });
    readStep += newLoss.length;
    tally.activeMs += performance.now() - t0;
  };
  const flush = async () => {
    await readBack();
    cb.onProgress({
      epoch,
      fromStep,
      loss,
      acc,
      samplesDone: (epoch - 1) * poolSize + seen,
      samplesTotal: opts.epochs * poolSize,
      samplesPerSec: seen / Math.max(tally.activeMs / 1000, 1e-6),
      lr,
    });
    fromStep += loss.length;
    loss = [];
    acc = [];
    lastReport = performance.now();
  };
  for (let from = 0; from < poolSize; from += opts.batchSize) {
    if (await cb.checkpoint()) {
      // Read back (and drop) what a GPU backend still has queued: the run ends when its work has, so the
      // next run does not start while the GPU (on a software renderer, both cores for seconds) still trains
      // this one's batches. On wasm and cpu the values are already there.
      await readPending(pending).catch(() => pending.forEach((t) => t.dispose()));
      return null;
    }
    const t0 = performance.now();
    const to = Math.min(poolSize, from + opts.batchSize);
    const { xs, ys } = data.batch('train', order, from, to, epoch);
    pending.push(...trainStep(model, optimizer, xs, ys, opts));
    xs.dispose();
    ys.dispose();
    seen = to;
    tally.activeMs += performance.now() - t0;
    if (cb.inspect)
      await cb.inspect({ epoch, step: firstStep + Math.floor(from / opts.batchSize) + 1, epochEnd: false });
    // A GPU backend runs batches asynchronously: without a read-back the loop could queue many
    // batches ahead, and Stop (checked between batches) would wait for all of them to run.
    if (performance.now() - lastReport >= every) await flush();
    else if (pending.length >= 2 * MAX_QUEUED_BATCHES) await readBack();
  }
  await flush();
  return tally;
}

/**
 * Trains `model` with `optimizer` on `data`: per epoch a seeded shuffle (seed + epoch) of the
 * training pool, batch metrics read back on a cadence, then validation (if any samples are held
 * out) and a full test evaluation. Throws {@link NonFiniteLossError} or {@link DivergedError}
 * when the loss diverges. With early stopping, ends once the validation loss has not improved for
 * `patience` epochs and leaves the model with its best weights.
 */
export async function train(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  data: TrainData,
  opts: TrainOptions,
  cb: TrainCallbacks,
): Promise<TrainResult> {
  const testSize = Math.min(opts.testSize ?? data.testCount, data.testCount);
  const valCount = opts.validationCount ?? 0;
  const poolSize = opts.trainSize - valCount;
  const valIndices = Int32Array.from({ length: valCount }, (_, i) => poolSize + i);
  const batches = Math.ceil(poolSize / opts.batchSize);
  const stopper = opts.earlyStopping && valCount > 0 ? new EarlyStopper(opts.earlyStopping.patience) : null;
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const lr =
        opts.schedule && opts.learningRate !== undefined
          ? lrAt(opts.schedule, opts.learningRate, epoch, opts.epochs)
          : null;
      if (lr !== null) setLearningRate(optimizer, lr);
      const epochStart = performance.now();
      const tally = await trainEpoch(model, optimizer, data, opts, cb, epoch, (epoch - 1) * batches, lr);
      if (!tally) return { status: 'stopped' };
      const val = valCount
        ? await evaluate(model, data, valCount, cb.checkpoint, opts.loss, 'train', valIndices)
        : undefined;
      const test = val === null ? null : await evaluate(model, data, testSize, cb.checkpoint, opts.loss);
      if (!test) return { status: 'stopped' };
      await cb.inspect?.({ epoch, step: epoch * batches, epochEnd: true });
      const stopNow = !!stopper && !!val && stopper.update(model, epoch, val.loss) && epoch < opts.epochs;
      cb.onEpochEnd({
        epoch,
        trainLoss: tally.lossSum / batches,
        trainAcc: tally.accSum / batches,
        testLoss: test.loss,
        testAcc: test.acc,
        seconds: (performance.now() - epochStart) / 1000,
        samplesPerSec: poolSize / Math.max(tally.activeMs / 1000, 1e-6),
        numTensors: tf.memory().numTensors,
        ...(lr !== null ? { lr } : {}),
        ...(val ? { valLoss: val.loss, valAcc: val.acc } : {}),
      });
      if (stopNow) {
        stopper!.restore(model);
        return { status: 'done', earlyStop: { epoch, bestEpoch: stopper!.bestEpoch, bestValLoss: stopper!.best } };
      }
    }
    if (stopper && stopper.bestEpoch < opts.epochs) {
      stopper.restore(model);
      return { status: 'done', restoredEpoch: stopper.bestEpoch };
    }
    return { status: 'done' };
  } finally {
    stopper?.dispose();
  }
}
