import * as tf from '@tensorflow/tfjs';
import { runOptionalKernel } from './optionalKernel';

/**
 * Name of an optional kernel for {@link meanSoftmaxCrossEntropy}'s value: inputs `{ z, ys }` (logits and
 * targets [n, C]), outputs the mean loss (a scalar) and the softmax p [n, C] its gradient needs. A backend
 * that registers it (wasm does, see src/workers/kernels/softmaxCrossEntropyWasm.ts) does in one kernel what
 * takes about ten tfjs ops.
 */
export const SOFTMAX_CE = 'SoftmaxCrossEntropyMean';

/**
 * Name of an optional kernel for {@link meanSoftmaxCrossEntropy}'s gradient with respect to the logits:
 * inputs `{ p, ys, dy }` (the softmax, the targets, the upstream scalar gradient), output dz [n, C].
 */
export const SOFTMAX_CE_GRAD = 'SoftmaxCrossEntropyGrad';

/**
 * Row by row on plain arrays: the softmax of each row of z into p, and the mean over rows of
 * Σ_j y_j (logsumexp(z) − z_j), the cross-entropy of softmax(z) against the targets (in double, rounded
 * once to float32; tfjs's ops round every step, so the two differ in the last bits).
 */
export function softmaxCrossEntropyRows(z: Float32Array, ys: Float32Array, classes: number, p: Float32Array): number {
  let total = 0;
  for (let r = 0; r < z.length; r += classes) {
    let max = -Infinity;
    for (let j = r; j < r + classes; j++) max = Math.max(max, z[j]);
    let sum = 0;
    for (let j = r; j < r + classes; j++) sum += Math.exp(z[j] - max);
    const lse = max + Math.log(sum);
    for (let j = r; j < r + classes; j++) {
      p[j] = Math.exp(z[j] - lse);
      total += ys[j] * (lse - z[j]);
    }
  }
  return Math.fround(total / (z.length / classes));
}

/**
 * dz = (p · Σ_j y_j − y) · dy / n, row by row (p − y for one-hot or soft targets summing to one), in float32
 * as tfjs's ops round it.
 */
export function softmaxCrossEntropyGrad(
  p: Float32Array,
  ys: Float32Array,
  dy: number,
  classes: number,
  dz: Float32Array,
): void {
  const f = Math.fround;
  const scale = f(dy / (p.length / classes));
  for (let r = 0; r < p.length; r += classes) {
    let s = 0;
    for (let j = r; j < r + classes; j++) s = f(s + ys[j]);
    for (let j = r; j < r + classes; j++) dz[j] = f(f(f(p[j] * s) - ys[j]) * scale);
  }
}

/**
 * The mean over a batch of the softmax cross-entropy of `logits` against `ys` (tf.losses.softmaxCrossEntropy
 * per sample, then their mean) as one op with its gradient written out: dL/dz = (p·Σy − y)/n. Two kernels
 * (with {@link SOFTMAX_CE} and {@link SOFTMAX_CE_GRAD}) where tfjs's loss and its autodiff took about twenty:
 * at batch 1 a kernel's dispatch costs more than its arithmetic.
 */
export function meanSoftmaxCrossEntropy(ys: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  // ys is a constant of the op (no gradient flows to the targets), read while the tape runs backwards.
  const op = tf.customGrad((z, save) => {
    const [value, p] = runOptionalKernel(SOFTMAX_CE, { z: z as tf.Tensor, ys }, () => {
      const zt = z as tf.Tensor2D;
      const lse = tf.logSumExp(zt, 1, true);
      return [tf.mean(tf.sum(tf.mul(ys, tf.sub(lse, zt)), 1)), tf.exp(tf.sub(zt, lse))];
    });
    (save as (ts: tf.Tensor[]) => void)([p]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, [ps]: tf.Tensor[]) =>
        runOptionalKernel(SOFTMAX_CE_GRAD, { p: ps, ys, dy }, () => {
          const s = tf.sum(ys, 1, true);
          return tf.mul(tf.sub(tf.mul(ps, s), ys), tf.div(dy, ps.shape[0]));
        }),
    };
  });
  return op(logits) as tf.Scalar;
}
