import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './conv2dBackpropFilterWasm';
import { buildModel } from '../../model/build';
import { lenet5, type Activation, type PoolOp } from '../../model/spec';
import { mulberry32 } from '../../model/rng';

/**
 * Loss gradients for every LeNet-5 weight on one batch of random images, on the current
 * backend. Random pixels avoid exact ties in max pooling, where backends may legitimately
 * route the gradient to different (equal) inputs.
 */
function gradients(activation: Activation, pool: PoolOp): Float32Array[] {
  const model = buildModel(lenet5([28, 28, 1], activation, pool), 5);
  const rand = mulberry32(9);
  const xs = tf.tensor4d(Float32Array.from({ length: 16 * 784 }, rand), [16, 28, 28, 1]);
  const ys = tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 10), 'int32'), 10).toFloat();
  const { grads } = tf.variableGrads(() =>
    tf.losses.softmaxCrossEntropy(ys, model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar);
  const out = model.trainableWeights.map((w) => grads[w.originalName].dataSync() as Float32Array);
  tf.dispose([xs, ys, ...Object.values(grads)]);
  model.dispose();
  return out;
}

describe('every kernel LeNet-5 training needs works on wasm', () => {
  beforeAll(() => registerWasmTrainingKernels());

  it.each([['relu', 'max'], ['sigmoid', 'avg'], ['tanh', 'max'], ['tanh', 'avg'], ['sigmoid', 'max'], ['relu', 'avg']] as const)('%s/%s gradients match the cpu backend', async (act, pool) => {
    await tf.setBackend('cpu');
    const expected = gradients(act, pool);
    await tf.setBackend('wasm');
    const actual = gradients(act, pool);
    expect(actual).toHaveLength(10);
    actual.forEach((g, i) => {
      const scale = Math.max(1e-6, ...expected[i].map(Math.abs));
      let maxErr = 0;
      g.forEach((v, j) => (maxErr = Math.max(maxErr, Math.abs(v - expected[i][j]))));
      expect(maxErr / scale, `weight ${i}`).toBeLessThan(1e-3);
    });
  });
});
