import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { sampleLosses } from './train';
import { mulberry32 } from './rng';
import { meanSquaredErrorOfSoftmax, softmaxMseGrad } from './softmaxMse';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('meanSquaredErrorOfSoftmax', () => {
  it('has the value of the mean per-sample MSE and the gradient autodiff gives through the softmax', () => {
    const rand = mulberry32(21);
    const logits = tf.tensor2d(
      Float32Array.from({ length: 3 * 10 }, () => 8 * rand() - 4),
      [3, 10],
    );
    const ys = tf.oneHot(tf.tensor1d([2, 9, 0], 'int32'), 10).toFloat();
    const reference = (z: tf.Tensor) => tf.mean(sampleLosses('mse', ys, z)) as tf.Scalar;
    const fused = (z: tf.Tensor) => tf.mul(3, meanSquaredErrorOfSoftmax(ys, z)) as tf.Scalar;
    const a = tf.valueAndGrad(reference)(logits);
    const b = tf.valueAndGrad(fused)(logits);
    expect(b.value.dataSync()[0] / 3).toBeCloseTo(a.value.dataSync()[0], 6);
    const [ga, gb] = [a.grad.dataSync(), b.grad.dataSync()];
    // Three times the loss, three times the gradient: the upstream gradient is applied.
    ga.forEach((v, i) => expect(gb[i] / 3).toBeCloseTo(v, 7));
    expect(Math.max(...ga.map(Math.abs))).toBeGreaterThan(1e-3);
    tf.dispose([logits, ys, a.value, a.grad, b.value, b.grad]);
  });
});

describe('softmaxMseGrad', () => {
  it('gives the known gradient of one row', () => {
    // p = (0.5, 0.5), y = (1, 0), dy = 1, n·C = 2: g = (p - y)·1 = (-0.5, 0.5), Σ g⊙p = 0,
    // dz = p ⊙ g = (-0.25, 0.25).
    const dz = new Float32Array(2);
    softmaxMseGrad(Float32Array.from([0.5, 0.5]), Float32Array.from([1, 0]), 1, 2, dz);
    expect(Array.from(dz)).toEqual([-0.25, 0.25]);
  });
});
