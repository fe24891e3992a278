import * as tf from '@tensorflow/tfjs';
import { runOptionalKernel } from './optionalKernel';

/**
 * Name of an optional kernel that adds a bias [u] to every row of x [n, u] (forward: tfjs's Add), with a
 * gradient of its own: dx is dy itself and dbias is dy summed over the rows (a reshape for one row).
 * tfjs's Add gradient spends three kernels per dense layer on the same (reshape dx to x's shape, sum,
 * reshape dbias); at batch 1 each launch costs more than its arithmetic. A backend that registers it
 * (wasm does, see src/workers/kernels/biasAddWasm.ts) takes {@link biasAdd}'s short path.
 */
export const BIAS_ADD = 'DenseBiasAdd';

tf.registerGradient({
  kernelName: BIAS_ADD,
  gradFunc: (dy) => {
    const g = dy as tf.Tensor2D;
    return {
      // The sum of a gradient's rows, the bias's gradient; dy itself for x (x + b is the identity in x).
      x: () => g,
      bias: () => (g.shape[0] === 1 ? tf.reshape(g, [g.shape[1]]) : tf.sum(g, 0)),
    };
  },
});

/** x [n, u] + bias [u]: one {@link BIAS_ADD} kernel where the backend has it, else tf.add. */
export function biasAdd(x: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  return runOptionalKernel(BIAS_ADD, { x, bias }, () => tf.add(x, bias));
}
