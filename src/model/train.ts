import * as tf from '@tensorflow/tfjs';
import { permutation } from './rng';
import { lrAt, type Schedule } from './schedules';
import { setLearningRate } from './optimizers';

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
  /** Samples order[from..to) of a split; xs in [0, 1], ys one-hot. */
  batch(split: 'train' | 'test', order: ArrayLike<number>, from: number, to: number): { xs: tf.Tensor4D; ys: tf.Tensor2D };
}

/** Loop settings. `trainSize` samples (the first ones of the split) make one epoch. */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  trainSize: number;
  seed: number;
  /** Evaluate on at most this many test samples (default: all). */
  testSize?: number;
  /** How often batch metrics are read back and reported, in ms (default 100). */
  reportEveryMs?: number;
  /** Base learning rate and its per-epoch schedule; without them the optimizer's rate stays. */
  learningRate?: number;
  schedule?: Schedule;
  loss?: LossId;
  /** Global L2 penalty: adds l2 · Σw² over every kernel (not biases) to the loss, as Keras's l2(λ). */
  l2?: number;
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
}

/** Hooks the loop calls; `control` lets the owner pause and stop between batches. */
export interface TrainCallbacks {
  onProgress(r: ProgressReport): void;
  onEpochEnd(m: EpochMetrics): void;
  /** Resolves when the loop may continue (immediately unless paused); true means stop. */
  checkpoint(): Promise<boolean>;
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
  constructor(public step: number, loss: number, classes: number) {
    super(`The loss exploded to ${loss.toPrecision(3)} at step ${step + 1} (chance level is ${Math.log(classes).toFixed(2)}). ` +
      'Training diverged: try a lower learning rate.');
  }
}

/** Loss above which a run counts as diverged: 100x the chance-level cross-entropy. */
export const divergenceLimit = (classes: number) => 100 * Math.log(classes);

/** Per-sample losses [n] of `logits` against one-hot `ys`. */
export function sampleLosses(loss: LossId, ys: tf.Tensor, logits: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => (loss === 'mse'
    ? tf.mean(tf.squaredDifference(ys, tf.softmax(logits)), 1)
    : tf.losses.softmaxCrossEntropy(ys, logits, undefined, undefined, tf.Reduction.NONE)) as tf.Tensor1D);
}

/** Σw² over every kernel of the model (biases and BatchNorm parameters are not penalised). */
function kernelSquares(model: tf.LayersModel): tf.Scalar {
  const kernels = model.trainableWeights.filter((w) => /kernel$/.test(w.originalName));
  return tf.addN(kernels.map((w) => tf.sum(tf.square(w.read())))) as tf.Scalar;
}

/**
 * One optimisation step; returns [loss, accuracy] scalars the caller must dispose. The returned
 * loss is the data loss; the L2 term (if any) is minimised but not reported.
 */
export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, xs: tf.Tensor, ys: tf.Tensor,
  opts: { loss?: LossId; l2?: number } = {}): [tf.Scalar, tf.Scalar] {
  let acc: tf.Scalar | null = null;
  let dataLoss: tf.Scalar | null = null;
  const total = optimizer.minimize(() => {
    const logits = model.apply(xs, { training: true }) as tf.Tensor2D;
    acc = tf.keep(tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(ys, 1)), 'float32')) as tf.Scalar);
    dataLoss = tf.keep(tf.mean(sampleLosses(opts.loss ?? 'crossEntropy', ys, logits)) as tf.Scalar);
    return opts.l2 ? tf.add(dataLoss, tf.mul(opts.l2, kernelSquares(model))) as tf.Scalar : dataLoss;
  }, true) as tf.Scalar;
  if (total !== dataLoss) total.dispose();
  return [dataLoss!, acc!];
}

/**
 * Mean loss and accuracy on the first `n` test samples, in batches of 500. `checkpoint` runs
 * between batches so messages keep flowing; returns null if it asks to stop.
 */
export async function evaluate(model: tf.LayersModel, data: TrainData, n: number,
  checkpoint: () => Promise<boolean>, lossId: LossId = 'crossEntropy'): Promise<{ loss: number; acc: number } | null> {
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  let sums = tf.zeros([2]);
  for (let from = 0; from < n; from += 500) {
    const to = Math.min(n, from + 500);
    const next = tf.tidy(() => {
      const { xs, ys } = data.batch('test', identity, from, to);
      const logits = model.predict(xs) as tf.Tensor2D;
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

async function readPending(pending: tf.Scalar[]): Promise<number[]> {
  if (pending.length === 0) return [];
  const stacked = tf.stack(pending);
  const values = Array.from(await stacked.data());
  stacked.dispose();
  pending.forEach((t) => t.dispose());
  pending.length = 0;
  return values;
}

/**
 * Trains `model` with `optimizer` on `data`: per epoch a seeded shuffle (seed + epoch) of the
 * first `trainSize` samples, batch metrics read back every `reportEveryMs` (never per batch),
 * then a full test evaluation. Throws {@link NonFiniteLossError} or {@link DivergedError} when
 * the loss diverges.
 * Returns 'done', or 'stopped' if `checkpoint` asked to stop.
 */
export async function train(model: tf.LayersModel, optimizer: tf.Optimizer, data: TrainData, opts: TrainOptions,
  cb: TrainCallbacks): Promise<'done' | 'stopped'> {
  const testSize = Math.min(opts.testSize ?? data.testCount, data.testCount);
  const every = opts.reportEveryMs ?? 100;
  const samplesTotal = opts.epochs * opts.trainSize;
  let step = 0;
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const lr = opts.schedule && opts.learningRate !== undefined ? lrAt(opts.schedule, opts.learningRate, epoch, opts.epochs) : null;
    if (lr !== null) setLearningRate(optimizer, lr);
    const order = permutation(opts.trainSize, opts.seed * 1000 + epoch);
    const pending: tf.Scalar[] = [];
    let fromStep = step, lossSum = 0, accSum = 0, seen = 0, activeMs = 0, lastReport = performance.now();
    const batches = Math.ceil(opts.trainSize / opts.batchSize);
    const epochStart = performance.now();
    const flush = async (epochSamples: number) => {
      const t0 = performance.now();
      const values = await readPending(pending);
      const loss = values.filter((_, i) => i % 2 === 0);
      const acc = values.filter((_, i) => i % 2 === 1);
      const bad = loss.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new NonFiniteLossError(fromStep + bad);
      const huge = loss.findIndex((v) => v > divergenceLimit(data.classes));
      if (huge >= 0) throw new DivergedError(fromStep + huge, loss[huge], data.classes);
      loss.forEach((v, i) => { lossSum += v; accSum += acc[i]; });
      activeMs += performance.now() - t0;
      cb.onProgress({ epoch, fromStep, loss, acc, samplesDone: (epoch - 1) * opts.trainSize + epochSamples, samplesTotal,
        samplesPerSec: epochSamples / Math.max(activeMs / 1000, 1e-6), lr });
      fromStep += loss.length;
      lastReport = performance.now();
    };
    for (let from = 0; from < opts.trainSize; from += opts.batchSize) {
      if (await cb.checkpoint()) {
        pending.forEach((t) => t.dispose());
        return 'stopped';
      }
      const t0 = performance.now();
      const to = Math.min(opts.trainSize, from + opts.batchSize);
      const { xs, ys } = data.batch('train', order, from, to);
      pending.push(...trainStep(model, optimizer, xs, ys, opts));
      xs.dispose();
      ys.dispose();
      step++;
      seen = to;
      activeMs += performance.now() - t0;
      if (performance.now() - lastReport >= every) await flush(seen);
    }
    await flush(seen);
    const trainSeconds = activeMs / 1000;
    const test = await evaluate(model, data, testSize, cb.checkpoint, opts.loss);
    if (!test) return 'stopped';
    cb.onEpochEnd({
      epoch, trainLoss: lossSum / batches, trainAcc: accSum / batches, testLoss: test.loss, testAcc: test.acc,
      seconds: (performance.now() - epochStart) / 1000, samplesPerSec: opts.trainSize / Math.max(trainSeconds, 1e-6),
      numTensors: tf.memory().numTensors, ...(lr !== null ? { lr } : {}),
    });
  }
  return 'done';
}
