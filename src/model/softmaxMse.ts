import * as tf from '@tensorflow/tfjs';
import { runOptionalKernel } from './optionalKernel';

/**
 * Name of an optional kernel for the gradient of {@link meanSquaredErrorOfSoftmax} with respect to the
 * logits: inputs `{ p, ys, dy }` (the softmax [n, C], one-hot targets [n, C], upstream scalar gradient),
 * output dz [n, C]. A backend that registers it (wasm does, see src/workers/kernels/softmaxMseWasm.ts) does
 * in one kernel what takes seven tfjs ops.
 */
export const SOFTMAX_MSE_GRAD = 'SoftmaxMseGrad';

/**
 * dz = p ⊙ (g − Σ_row g ⊙ p) with g = (p − y)·dy·2/(n·C), row by row on plain arrays, in float32 as
 * tfjs's ops round it (the row sum accumulates in float32).
 */
export function softmaxMseGrad(p: Float32Array, ys: Float32Array, dy: number, classes: number, dz: Float32Array) {
  const f = Math.fround;
  const scale = f(dy * f(2 / p.length));
  for (let r = 0; r < p.length; r += classes) {
    let dot = 0;
    for (let j = r; j < r + classes; j++) {
      dz[j] = f(f(p[j] - ys[j]) * scale);
      dot = f(dot + f(dz[j] * p[j]));
    }
    for (let j = r; j < r + classes; j++) dz[j] = f(p[j] * f(dz[j] - dot));
  }
}

/**
 * The mean squared error between softmax(logits) and one-hot `ys` over a batch, as one op with its
 * gradient written out: dL/dp = 2(p - y)/(n·C), through the softmax dz = p ⊙ (g - Σ g ⊙ p). The same
 * value as the mean of the per-sample losses (equal row lengths), in 4 kernels (with
 * {@link SOFTMAX_MSE_GRAD}) or 10 where autodiff through the softmax and two means took 19: at batch 1
 * a kernel's dispatch costs more than its arithmetic.
 */
export function meanSquaredErrorOfSoftmax(ys: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  // ys is a constant of the op (no gradient flows to the targets), read while the tape runs backwards.
  const op = tf.customGrad((z, save) => {
    const p = tf.softmax(z as tf.Tensor2D);
    (save as (ts: tf.Tensor[]) => void)([p]);
    return {
      value: tf.mean(tf.squaredDifference(p, ys)) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [ps]: tf.Tensor[]) =>
        runOptionalKernel(SOFTMAX_MSE_GRAD, { p: ps, ys, dy }, () => {
          const g = tf.mul(tf.sub(ps, ys), tf.mul(dy, 2 / ps.size));
          return tf.mul(ps, tf.sub(g, tf.sum(tf.mul(g, ps), 1, true)));
        }),
    };
  });
  return op(logits) as tf.Scalar;
}
