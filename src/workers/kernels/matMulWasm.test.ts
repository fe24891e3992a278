import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { mulberry32 } from '../../model/rng';

const random = (shape: number[], seed: number) => {
  const r = mulberry32(seed);
  return tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => r() * 2 - 1),
    shape,
  );
};

describe('BatchMatMul on wasm with transposed operands', () => {
  beforeAll(() => registerWasmTrainingKernels());

  it.each([
    ['x^T . dy (a dense kernel gradient)', [7, 5], [7, 3], true, false],
    ['dy . W^T (a dense input gradient)', [4, 3], [6, 3], false, true],
    ['both transposed', [5, 4], [6, 5], true, true],
    ['batched, a transposed', [2, 5, 4], [2, 5, 3], true, false],
    ['plain', [4, 5], [5, 3], false, false],
  ] as const)('%s matches the cpu backend', async (_n, as, bs, ta, tb) => {
    const product = () =>
      tf.tidy(() => tf.matMul(random([...as], 1), random([...bs], 2), ta, tb).dataSync() as Float32Array);
    await tf.setBackend('cpu');
    const expected = product();
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const actual = product();
    expect(tf.memory().numTensors).toBe(before);
    expect(actual.length).toBe(expected.length);
    expect(Array.from(actual).map((v) => v.toFixed(4))).toEqual(Array.from(expected).map((v) => v.toFixed(4)));
  });
});
