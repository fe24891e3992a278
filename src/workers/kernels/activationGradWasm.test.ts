import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import '../../model/activationGradient';
import { ACTIVATION_GRAD, ACTIVATION_GRAD_MAX } from '../../model/activationGradient';
import { mulberry32 } from '../../model/rng';

it.each(['tanh', 'sigmoid'] as const)(
  '%s: one kernel gives exactly the gradient of tfjs three ops, small tensors only',
  async (activation) => {
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    const rand = mulberry32(4);
    const f = activation === 'tanh' ? tf.tanh : tf.sigmoid;
    for (const size of [1, 4704, ACTIVATION_GRAD_MAX + 1]) {
      const x = tf.tensor1d(Float32Array.from({ length: size }, () => 6 * rand() - 3));
      const w = tf.tensor1d(Float32Array.from({ length: size }, () => 2 * rand() - 1));
      // d/dx Σ w·f(x) = w·f'(x): dy = w reaches the activation's gradient.
      const grad = () => tf.grad((v: tf.Tensor) => tf.sum(tf.mul(f(v), w)))(x);
      const kernels = (await tf.profile(grad)).kernels.map((k) => k.name);
      const g = grad();
      const y = f(x);
      const expected =
        activation === 'tanh'
          ? tf.mul(tf.sub(tf.scalar(1), tf.square(y)), w)
          : tf.mul(w, tf.mul(y, tf.sub(tf.scalar(1), y)));
      expect(Array.from(g.dataSync())).toEqual(Array.from(expected.dataSync()));
      expect(kernels.includes(ACTIVATION_GRAD)).toBe(size <= ACTIVATION_GRAD_MAX);
      tf.dispose([x, w, g, y, expected]);
    }
  },
);
