import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { simdKernels, unloadSimdKernels } from './simd/simdKernels';
import { mulberry32 } from '../../model/rng';
import { loadTestKernels } from '../../../test/helpers/simdKernels';

/** The input gradient of a 2x2, stride-2 max pooling of `x` (upstream gradient `dy`) on the current backend. */
function maxPoolGrad(x: Float32Array, shape: [number, number, number, number], dy: Float32Array): Float32Array {
  return tf.tidy(() => {
    const xt = tf.tensor4d(x, shape);
    const [n, h, w, c] = shape;
    const dyt = tf.tensor4d(dy, [n, Math.floor(h / 2), Math.floor(w / 2), c]);
    return tf
      .grad((t) => tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid'))(xt, dyt)
      .dataSync() as Float32Array;
  });
}

// In tfjs's memory, whose new outputs hold what earlier tensors left there, and in the kernels' own scratch.
describe.each(['inPlace', 'copies'] as const)('MaxPoolGrad 2x2 in the SIMD kernel (%s)', (mode) => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await loadTestKernels(mode);
  });
  afterAll(() => unloadSimdKernels());

  it.each([
    ['6 channels (a vector and an overlapping last vector), negative windows', [2, 6, 8, 6]],
    ['5 channels and an odd width (a last vector overlapping by 3, a column without gradient)', [2, 4, 7, 5]],
    ['odd height and width (a last row and column without gradient), 3 channels', [1, 5, 7, 3]],
    ['LeNet-5 conv1 at batch 4', [4, 28, 28, 6]],
  ] as const)('%s: as the cpu backend', async (_name, shape) => {
    const [n, h, w, c] = shape;
    const rand = mulberry32(h * 31 + c);
    const x = Float32Array.from({ length: n * h * w * c }, () => rand() * 2 - 1);
    const dy = Float32Array.from({ length: n * (h >> 1) * (w >> 1) * c }, () => rand() + 0.5);
    await tf.setBackend('cpu');
    const expected = maxPoolGrad(x, [...shape], dy);
    await tf.setBackend('wasm');
    // Leave stale non-zero floats where the kernel's output will go: a position it does not write shows.
    tf.tidy(() => tf.fill([n * h * w * c * 4], 7).dataSync());
    const calls = { n: 0 };
    const k = simdKernels()!;
    const kernel = k.maxPoolGrad2x2;
    k.maxPoolGrad2x2 = (...args) => (calls.n++, kernel(...args));
    const actual = maxPoolGrad(x, [...shape], dy);
    k.maxPoolGrad2x2 = kernel;
    expect(calls.n).toBe(1);
    expect(Array.from(actual)).toEqual(Array.from(expected));
    expect(actual.filter((v) => v !== 0).length).toBe(n * (h >> 1) * (w >> 1) * c);
  });
});
