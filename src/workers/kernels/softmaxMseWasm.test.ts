import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { SOFTMAX_MSE_GRAD, meanSquaredErrorOfSoftmax } from '../../model/softmaxMse';
import { mulberry32 } from '../../model/rng';

/** The loss's value and its gradient for the logits on the current backend, times 3 (an upstream gradient). */
function lossAndGrad(z: number[], labels: number[], classes: number) {
  return tf.tidy(() => {
    const logits = tf.tensor2d(z, [labels.length, classes]);
    const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat();
    const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => tf.mul(3, meanSquaredErrorOfSoftmax(ys, x)) as tf.Scalar)(
      logits,
    );
    return { value: value.dataSync()[0], grad: Array.from(grad.dataSync()) };
  });
}

it("one kernel on wasm gives the gradient of tfjs's ops on the cpu backend (1e-6 relative)", async () => {
  const rand = mulberry32(8);
  for (const n of [1, 3, 64]) {
    const z = Array.from({ length: n * 10 }, () => 8 * rand() - 4);
    const labels = Array.from({ length: n }, () => Math.floor(rand() * 10));
    await tf.setBackend('cpu');
    const expected = lossAndGrad(z, labels, 10);
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    const kernels = (await tf.profile(() => lossAndGrad(z, labels, 10))).kernels.map((k) => k.name);
    expect(kernels).toContain(SOFTMAX_MSE_GRAD);
    const got = lossAndGrad(z, labels, 10);
    expect(got.value).toBeCloseTo(expected.value, 6);
    const scale = Math.max(...expected.grad.map(Math.abs));
    expect(scale).toBeGreaterThan(1e-4);
    got.grad.forEach((g, i) => expect(Math.abs(g - expected.grad[i])).toBeLessThanOrEqual(1e-6 * scale));
  }
});
