import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './conv2dBackpropFilterWasm';
import { mulberry32 } from '../../model/rng';

function randomArray(n: number, seed: number): Float32Array {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n }, () => r() * 2 - 1);
}

/**
 * The Conv2DBackpropFilter kernel itself on the current backend (tf.grad of conv2d no longer
 * reaches it on wasm for stride 1: see conv2dGradWasm), for x and a random upstream gradient.
 */
function filterGrad(xShape: [number, number, number, number], fShape: [number, number, number, number],
  strides: number, pad: 'same' | 'valid'): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(randomArray(xShape.reduce((a, b) => a * b), 1), xShape);
    const yShape = tf.conv2d(x, tf.zeros(fShape) as tf.Tensor4D, strides, pad).shape;
    const dy = tf.tensor(randomArray(yShape.reduce((a, b) => a * b), 3), yShape);
    const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy },
      { strides, pad, filterShape: fShape, dataFormat: 'NHWC', dimRoundingMode: undefined } as never) as tf.Tensor;
    return dw.dataSync() as Float32Array;
  });
}

const cases: [string, [number, number, number, number], [number, number, number, number], number, 'same' | 'valid'][] = [
  ['LeNet conv1 (same)', [4, 28, 28, 1], [5, 5, 1, 6], 1, 'same'],
  ['LeNet conv2 (valid)', [4, 14, 14, 6], [5, 5, 6, 16], 1, 'valid'],
  ['3x3 stride 2 same', [2, 9, 9, 3], [3, 3, 3, 4], 2, 'same'],
  ['3x3 stride 2 valid', [2, 8, 8, 2], [3, 3, 2, 5], 2, 'valid'],
];

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
  });

  it.each(cases)('%s matches the cpu backend', async (_name, xs, fs, s, pad) => {
    await tf.setBackend('cpu');
    const expected = filterGrad(xs, fs, s, pad);
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const actual = filterGrad(xs, fs, s, pad);
    expect(tf.memory().numTensors).toBe(before);
    expect(actual.length).toBe(expected.length);
    let maxErr = 0;
    for (let i = 0; i < actual.length; i++) maxErr = Math.max(maxErr, Math.abs(actual[i] - expected[i]));
    expect(maxErr).toBeLessThan(1e-3);
    expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(0.1);
  });
});

describe.each(['max', 'avg'] as const)('%sPoolGrad on wasm', (op) => {
  beforeAll(() => registerWasmTrainingKernels());

  it.each([
    ['all-negative windows', -5, 2, 2, 'valid', 9],
    ['mixed signs, 3x3 stride 2 same', 0, 3, 2, 'same', 9],
    ['overlapping 3x3 stride 1 valid', 0, 3, 1, 'valid', 9],
    ['ties (values rounded to halves, as after ReLU)', 'ties', 2, 2, 'valid', 9],
    ['2x2 stride 2 same on an even size, with ties (LeNet-5\'s pools)', 'ties', 2, 2, 'same', 8],
    ['2x2 stride 2 same on an odd size (a padded last row and column)', 0, 2, 2, 'same', 9],
  ] as const)('%s match the cpu backend', async (_n, shift, size, stride, pad, hw) => {
    const grad = () => tf.tidy(() => {
      const values = randomArray(2 * hw * hw * 3, 4).map((v) => (shift === 'ties' ? Math.max(0, Math.round(v * 2) / 2) : v + shift));
      const x = tf.tensor4d(values, [2, hw, hw, 3]);
      return tf.grad((t: tf.Tensor) => {
        const y = (op === 'max' ? tf.maxPool : tf.avgPool)(t as tf.Tensor4D, size, stride, pad);
        return tf.sum(tf.mul(y, tf.tensor(randomArray(y.size, 5), y.shape)));
      })(x).dataSync() as Float32Array;
    });
    await tf.setBackend('cpu');
    const expected = grad();
    await tf.setBackend('wasm');
    const actual = grad();
    expect(Array.from(actual).map((v) => v.toFixed(5))).toEqual(Array.from(expected).map((v) => v.toFixed(5)));
  });
});
