import * as tf from '@tensorflow/tfjs';
import { runOptionalKernel } from './optionalKernel';

/**
 * Name of an optional kernel for the backward pass of tanh or sigmoid: inputs `{ dy, y }` (upstream
 * gradient and the activation's output), attr `activation`, output dx = dy·(1 - y²) for tanh and
 * dy·y·(1 - y) for sigmoid, rounded as tfjs's own three ops round them. A backend that registers it
 * (wasm does, see src/workers/kernels/activationGradWasm.ts) does in one kernel what takes three.
 */
export const ACTIVATION_GRAD = 'TanhSigmoidGrad';

/**
 * Tensors up to this size take {@link ACTIVATION_GRAD}; larger ones keep tfjs's three ops, whose SIMD
 * loops beat one plain loop once the arithmetic outweighs the dispatch (batch 64 of a first conv layer).
 */
export const ACTIVATION_GRAD_MAX = 1 << 16;

/** dx = dy·(1 - y²) (tanh) or dy·y·(1 - y) (sigmoid) on plain arrays, in float32 as tfjs computes it. */
export function activationGrad(activation: 'tanh' | 'sigmoid', dy: Float32Array, y: Float32Array, dx: Float32Array) {
  const f = Math.fround;
  if (activation === 'tanh') for (let i = 0; i < dx.length; i++) dx[i] = f(f(1 - f(y[i] * y[i])) * dy[i]);
  else for (let i = 0; i < dx.length; i++) dx[i] = f(dy[i] * f(y[i] * f(1 - y[i])));
}

// The gradients of Tanh and Sigmoid, registered over tfjs's own (the same formulas, ops and order).
for (const activation of ['tanh', 'sigmoid'] as const) {
  tf.registerGradient({
    kernelName: activation === 'tanh' ? 'Tanh' : 'Sigmoid',
    outputsToSave: [true],
    gradFunc: (dy, saved) => {
      const [y] = saved;
      const ops = () =>
        activation === 'tanh'
          ? tf.mul(tf.sub(tf.scalar(1), tf.square(y)), dy as tf.Tensor)
          : tf.mul(dy as tf.Tensor, tf.mul(y, tf.sub(tf.scalar(1), y)));
      return {
        x: () =>
          y.size <= ACTIVATION_GRAD_MAX
            ? runOptionalKernel(ACTIVATION_GRAD, { dy: dy as tf.Tensor, y }, ops, { activation })
            : ops(),
      };
    },
  });
}
