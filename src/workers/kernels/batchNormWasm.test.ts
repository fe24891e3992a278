import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { simdKernels, unloadSimdKernels } from './simd/simdKernels';
import { batchNormTrain, BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD } from '../../model/batchNorm';
import { mulberry32 } from '../../model/rng';
import { buildModel } from '../../model/build';
import { presetLayers } from '../../model/presets';
import { createOptimizer } from '../../model/optimizers';
import { trainStep } from '../../model/train';
import { stepBatch } from '../../../scripts/lib/stepBatch';
import { loadTestKernels } from '../../../test/helpers/simdKernels';

const rand = (n: number, seed: number, scale = 1, shift = 0) =>
  Float32Array.from({ length: n }, mulberry32(seed)).map((v) => (v * 2 - 1) * scale + shift);

/** y, mean, variance and the gradients of sum(y · w) for x, gamma and beta, on the current backend. */
function run(shape: number[]) {
  const c = shape[shape.length - 1];
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tidy(() => {
    const x = tf.tensor(rand(size, 1, 2, 0.5), shape);
    const gamma = tf.tensor1d(rand(c, 2, 0.5, 1));
    const beta = tf.tensor1d(rand(c, 3));
    const w = tf.tensor(rand(size, 4), shape);
    const [y, mean, variance] = batchNormTrain(x, gamma, beta, 1e-3);
    const grads = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(batchNormTrain(a, g as tf.Tensor1D, b as tf.Tensor1D, 1e-3)[0], w)),
    )([x, gamma, beta]);
    return [y, mean, variance, ...grads].map((t) => t.dataSync() as Float32Array);
  });
}

const close = (actual: Float32Array[], expected: Float32Array[]) => {
  expect(actual.map((a) => a.length)).toEqual(expected.map((e) => e.length));
  actual.forEach((a, k) =>
    a.forEach((v, i) =>
      expect(Math.abs(v - expected[k][i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(expected[k][i]))),
    ),
  );
};

describe.each([true, false])('a batch normalisation in training on wasm (SIMD kernels loaded: %s)', (simd) => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    if (simd) expect(await loadTestKernels()).not.toBeNull();
  });
  afterAll(() => unloadSimdKernels());

  it.each([
    ['10 channels (a period of 20)', [4, 6, 6, 10]],
    ['16 channels', [3, 5, 5, 16]],
    ['3 channels, 150 values (a tail past the last period)', [2, 5, 5, 3]],
    ['1 channel', [2, 3, 3, 1]],
    ['dense: [batch, units]', [7, 30]],
  ])('%s: outputs and gradients match tfjs ops on the cpu backend', async (_n, shape) => {
    await tf.setBackend('cpu');
    const expected = run(shape);
    await tf.setBackend('wasm');
    const spies = simd ? [vi.spyOn(simdKernels()!, 'channelAffine')] : [];
    const before = tf.memory().numTensors;
    const actual = run(shape);
    expect(tf.memory().numTensors).toBe(before);
    // The forward pass twice (once under tf.grads) and the gradient once: three affine passes.
    for (const s of spies) expect(s).toHaveBeenCalledTimes(3);
    for (const s of spies) s.mockRestore();
    close(actual, expected);
    // Not trivially zero: the statistics and every gradient carry values.
    for (const v of actual) expect(v.reduce((m, x) => Math.max(m, Math.abs(x)), 0)).toBeGreaterThan(1e-3);
  });
});

describe('the compact CNN with its BatchNorm layers as one kernel each', () => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    expect(await loadTestKernels()).not.toBeNull();
  });
  afterAll(() => unloadSimdKernels());

  it("a training step's weights and moving statistics match the layers' own path", async () => {
    await tf.setBackend('wasm');
    const step = () => {
      const { shape, xs, ys } = stepBatch('compact-cnn', 16);
      const model = buildModel({ inputShape: shape, classes: 10, layers: presetLayers('compact-cnn') }, 3);
      // Dropout off: its masks are drawn per call, and the comparison is of the BatchNorm path alone.
      for (const l of model.layers) if (l.getClassName() === 'Dropout') (l as unknown as { rate: number }).rate = 0;
      tf.dispose(trainStep(model, createOptimizer('sgd', 0.5), xs, ys, { loss: 'crossEntropy' }));
      const w = model.getWeights().map((t) => t.dataSync().slice() as Float32Array);
      tf.dispose([xs, ys]);
      model.dispose();
      return w;
    };
    const spy = vi.spyOn(simdKernels()!, 'channelAffine');
    const fused = step();
    // Six layers: one forward and one gradient pass each.
    expect(spy).toHaveBeenCalledTimes(12);
    spy.mockClear();
    const kernels = [BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD].map((k) => tf.getKernel(k, 'wasm')!);
    for (const k of kernels) tf.unregisterKernel(k.kernelName, 'wasm');
    const layers = step();
    for (const k of kernels) tf.registerKernel(k);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    // gamma, beta, moving mean and moving variance of six layers, among the weights; all moved.
    expect(fused.length).toBe(layers.length);
    close(fused, layers);
  });
});
