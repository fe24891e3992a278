import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { sampleLosses } from './train';
import { mulberry32 } from './rng';
import { meanSoftmaxCrossEntropy, softmaxCrossEntropyGrad, softmaxCrossEntropyRows } from './softmaxCrossEntropy';
import { registerWasmTrainingKernels } from '../workers/kernels/registry';

/** Logits [n, C] from `seed`, spread over ±`range`, and targets: one-hot, or soft rows summing to one. */
function batch(n: number, classes: number, seed: number, soft: boolean, range = 4) {
  const rand = mulberry32(seed);
  const z = Float32Array.from({ length: n * classes }, () => range * (2 * rand() - 1));
  const ys = new Float32Array(n * classes);
  for (let r = 0; r < n; r++) {
    if (!soft) ys[r * classes + ((r * 7) % classes)] = 1;
    else {
      const w = Array.from({ length: classes }, () => rand());
      const s = w.reduce((a, b) => a + b, 0);
      w.forEach((v, j) => (ys[r * classes + j] = v / s));
    }
  }
  return { z, ys };
}

/** Value and gradient (times 3 upstream) of the mean loss: tfjs's per-sample loss and autodiff, or the fused op. */
function valueAndGrad(fused: boolean, z: Float32Array, ys: Float32Array, n: number, classes: number) {
  return tf.tidy(() => {
    const logits = tf.tensor2d(z, [n, classes]);
    const targets = tf.tensor2d(ys, [n, classes]);
    const f = (x: tf.Tensor) =>
      tf.mul(
        3,
        fused ? meanSoftmaxCrossEntropy(targets, x) : tf.mean(sampleLosses('crossEntropy', targets, x)),
      ) as tf.Scalar;
    const { value, grad } = tf.valueAndGrad(f)(logits);
    return { value: value.dataSync()[0], grad: grad.dataSync() as Float32Array };
  });
}

const CASES = [
  ['a batch of 64, one-hot', 64, 10, false, 4],
  ['one sample (batch 1)', 1, 10, false, 4],
  ['soft targets (mixed labels)', 7, 10, true, 4],
  ['large logits (the max is subtracted first)', 5, 3, false, 300],
] as const;

describe.each(['cpu', 'wasm'] as const)('meanSoftmaxCrossEntropy on %s', (backend) => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await tf.setBackend(backend);
  });
  afterAll(() => tf.setBackend('cpu'));

  it.each(CASES)('%s: the value and gradient of tfjs’s loss and autodiff', async (_name, n, classes, soft, range) => {
    const { z, ys } = batch(n, classes, n * 13 + classes, soft, range);
    await tf.setBackend('cpu');
    const expected = valueAndGrad(false, z, ys, n, classes);
    await tf.setBackend(backend);
    const actual = valueAndGrad(true, z, ys, n, classes);
    expect(Math.abs(actual.value - expected.value)).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected.value)));
    const scale = Math.max(...expected.grad.map(Math.abs));
    expect(scale).toBeGreaterThan(1e-3);
    actual.grad.forEach((v, i) => expect(Math.abs(v - expected.grad[i]) / scale).toBeLessThan(1e-5));
  });

  it('takes the optional kernels where the backend has them', () => {
    const names: string[] = [];
    const { z, ys } = batch(4, 10, 1, false);
    const profile = tf.profile(() => valueAndGrad(true, z, ys, 4, 10));
    return profile.then((info) => {
      for (const k of info.kernels) names.push(k.name);
      const fused = names.filter((k) => k.startsWith('SoftmaxCrossEntropy'));
      expect(fused.length).toBe(backend === 'wasm' ? 2 : 0);
    });
  });
});

describe('softmaxCrossEntropyRows and softmaxCrossEntropyGrad', () => {
  it('give the known loss, softmax and gradient of one row', () => {
    // z = (0, 0): p = (0.5, 0.5), loss = ln 2 against y = (1, 0); dz = (p - y)·dy/n = (-0.5, 0.5)·2.
    const p = new Float32Array(2);
    expect(softmaxCrossEntropyRows(Float32Array.from([0, 0]), Float32Array.from([1, 0]), 2, p)).toBeCloseTo(
      Math.LN2,
      6,
    );
    expect(Array.from(p)).toEqual([0.5, 0.5]);
    const dz = new Float32Array(2);
    softmaxCrossEntropyGrad(p, Float32Array.from([1, 0]), 2, 2, dz);
    expect(Array.from(dz)).toEqual([-1, 1]);
  });
});
