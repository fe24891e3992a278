import * as tf from '@tensorflow/tfjs';
import { runOptionalKernel } from './optionalKernel';

/**
 * Name of an optional kernel for a batch's accuracy: inputs `{ logits, ys }` ([n, C] scores and one-hot
 * targets), output a float32 scalar, the share of rows whose largest score (the first on a tie, as
 * tf.argMax picks) sits where the row's target is largest. A backend that registers it (wasm does, see
 * src/workers/kernels/accuracyWasm.ts) does in one kernel what takes five (two argMax, equal, cast, mean):
 * at batch 1 each of those launches costs more than its arithmetic.
 */
export const ONE_HOT_ACCURACY = 'OneHotAccuracy';

/** Index of the largest of `v[from..from+len)` minus `from`; the first one on a tie, like tf.argMax. */
function argMaxRow(v: Float32Array, from: number, len: number): number {
  let best = 0;
  for (let j = 1; j < len; j++) if (v[from + j] > v[from + best]) best = j;
  return best;
}

/** {@link ONE_HOT_ACCURACY} on plain arrays: rows of `classes` scores and targets; the share as float32. */
export function oneHotAccuracy(logits: Float32Array, ys: Float32Array, classes: number): number {
  const n = logits.length / classes;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    if (argMaxRow(logits, i * classes, classes) === argMaxRow(ys, i * classes, classes)) correct++;
  }
  return Math.fround(correct / n);
}

/**
 * Accuracy of a batch's `logits` [n, C] against one-hot `ys` [n, C], as a scalar the caller disposes: one
 * {@link ONE_HOT_ACCURACY} kernel where the backend has it, else tfjs's ops.
 */
export function batchAccuracy(logits: tf.Tensor2D, ys: tf.Tensor2D): tf.Scalar {
  return runOptionalKernel(ONE_HOT_ACCURACY, { logits, ys }, () =>
    tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(ys, 1)), 'float32')) as tf.Scalar),
  );
}
