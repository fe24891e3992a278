import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from './build';
import { presetLayers } from './presets';
import { shareTapeSaves } from './tapeSaves';
import { createOptimizer } from './optimizers';
import { trainStep } from './train';
import { mulberry32 } from './rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Three SGD steps of the 1998 LeNet-5 (MSE) from seed 3; returns the weights, loss values and kernels run. */
async function threeSteps() {
  const model = buildModel({ inputShape: [28, 28, 1], classes: 10, layers: presetLayers('lenet5-1998') }, 3);
  const opt = createOptimizer('sgd', 0.05);
  const rand = mulberry32(9);
  const xs = tf.tensor4d(Float32Array.from({ length: 2 * 784 }, rand), [2, 28, 28, 1]);
  const ys = tf.oneHot(tf.tensor1d([3, 7], 'int32'), 10).toFloat();
  const losses: number[] = [];
  const step = () => {
    const [l, a] = trainStep(model, opt, xs, ys, { loss: 'mse' });
    losses.push(l.dataSync()[0]);
    tf.dispose([l, a]);
  };
  step();
  const before = tf.memory();
  const kernels = (await tf.profile(step)).kernels.map((k) => k.name);
  step();
  const after = tf.memory();
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  tf.dispose([xs, ys]);
  opt.dispose();
  model.dispose();
  return {
    weights,
    losses,
    kernels,
    leaked: [after.numTensors - before.numTensors, after.numDataBuffers - before.numDataBuffers],
  };
}

describe('shareTapeSaves', () => {
  it('trains to the same weights without the Identity kernels of its saves, and leaks nothing', async () => {
    const plain = await threeSteps();
    shareTapeSaves();
    shareTapeSaves();
    const shared = await threeSteps();
    expect(shared.losses).toEqual(plain.losses);
    expect(shared.weights).toEqual(plain.weights);
    expect(plain.kernels.filter((k) => k === 'Identity').length).toBeGreaterThan(20);
    const identities = (k: string[]) => k.filter((name) => name === 'Identity').length;
    expect(identities(shared.kernels)).toBe(0);
    expect(shared.kernels.length).toBe(plain.kernels.length - identities(plain.kernels));
    expect(shared.leaked).toEqual([0, 0]);
    expect(plain.leaked).toEqual([0, 0]);
  });

  it('keeps a saved tensor alive after its owner is disposed, and frees it after the backward pass', () => {
    shareTapeSaves();
    const buffers = tf.memory().numDataBuffers;
    const x = tf.tensor1d([1, 2, 3]);
    // tanh's gradient reads its saved output; the output itself is disposed inside the function.
    const g = tf.grad((v: tf.Tensor) => {
      const y = tf.tanh(v);
      const s = tf.sum(y);
      y.dispose();
      return s;
    })(x);
    const expected = [1, 2, 3].map((v) => 1 - Math.tanh(v) ** 2);
    Array.from(g.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    tf.dispose([x, g]);
    expect(tf.memory().numDataBuffers).toBe(buffers);
  });
});
