import { describe, expect, it, beforeAll, afterAll, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { unloadSimdKernels } from './simd/simdKernels';
import { mulberry32 } from '../../model/rng';
import { KERNEL_BUILDS as BUILDS, loadTestKernels } from '../../../test/helpers/simdKernels';

function randomArray(n: number, seed: number): Float32Array {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n }, () => r() * 2 - 1);
}

/**
 * The Conv2DBackpropFilter kernel itself on the current backend (tf.grad of conv2d no longer
 * reaches it on wasm for stride 1: see conv2dGradWasm), for x and a random upstream gradient.
 */
function filterGrad(
  xShape: [number, number, number, number],
  fShape: [number, number, number, number],
  strides: number,
  pad: 'same' | 'valid',
): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(
      randomArray(
        xShape.reduce((a, b) => a * b),
        1,
      ),
      xShape,
    );
    const yShape = tf.conv2d(x, tf.zeros(fShape) as tf.Tensor4D, strides, pad).shape;
    const dy = tf.tensor(
      randomArray(
        yShape.reduce((a, b) => a * b),
        3,
      ),
      yShape,
    );
    const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
      strides,
      pad,
      filterShape: fShape,
      dataFormat: 'NHWC',
      dimRoundingMode: undefined,
    } as never) as tf.Tensor;
    return dw.dataSync() as Float32Array;
  });
}

const cases: [string, [number, number, number, number], [number, number, number, number], number, 'same' | 'valid'][] =
  [
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

describe.each(BUILDS)('Conv2DBackpropFilter of one-channel inputs with the SIMD kernels (%s build)', (build) => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    expect(await loadTestKernels('inPlace', build)).not.toBeNull();
  });
  afterAll(() => unloadSimdKernels());

  it.each([
    ['LeNet conv1 (5x5 same, 28 wide)', [4, 28, 28, 1], [5, 5, 1, 6], 'same'],
    ['3x3 valid, output 7 wide (not a multiple of 4)', [3, 9, 9, 1], [3, 3, 1, 4], 'valid'],
    ['7x7 same (two blocks of taps)', [2, 10, 11, 1], [7, 7, 1, 3], 'same'],
    ['4x4 same (uneven padding)', [2, 8, 8, 1], [4, 4, 1, 2], 'same'],
    ['1x1', [2, 5, 5, 1], [1, 1, 1, 7], 'valid'],
  ] as const)('%s matches the cpu backend', async (_n, xs, fs, pad) => {
    await tf.setBackend('cpu');
    const expected = filterGrad([...xs], [...fs], 1, pad);
    await tf.setBackend('wasm');
    const { simdKernels } = await import('./simd/simdKernels');
    const spy = vi.spyOn(simdKernels()!, 'filterGradC1');
    const buffers = tf.memory().numDataBuffers;
    const actual = filterGrad([...xs], [...fs], 1, pad);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(tf.memory().numDataBuffers).toBe(buffers);
    expect(actual.length).toBe(expected.length);
    actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(expected[i]))));
  });
});

describe.each(BUILDS)('Conv2DBackpropFilter of many-channel inputs with the SIMD kernels (%s build)', (build) => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    expect(await loadTestKernels('inPlace', build)).not.toBeNull();
  });
  afterAll(() => unloadSimdKernels());

  it.each([
    ['LeNet conv2 (6 channels, 5x5 valid, 16 filters)', [4, 14, 14, 6], [5, 5, 6, 16], 'valid'],
    ['RGB, 3x3 same, 16 filters', [3, 9, 11, 3], [3, 3, 3, 16], 'same'],
    ['5 channels (a partial block of 4), 12 filters (a partial block of 8)', [2, 7, 6, 5], [3, 3, 5, 12], 'same'],
    ['16 channels to 3 filters (lanes past the filters), 4x4 same', [2, 8, 8, 16], [4, 4, 16, 3], 'same'],
    ['2 channels, 1x1', [2, 5, 5, 2], [1, 1, 2, 7], 'valid'],
    ['10 channels (a block of six, then one of four), 12 filters', [2, 7, 8, 10], [3, 3, 10, 12], 'same'],
    ['7 channels (a block of six, then one channel), 5 filters', [2, 6, 6, 7], [3, 2, 7, 5], 'valid'],
    // ~100 KB an image: one image a group (FILTER_GRAD_IMAGE_BYTES), each group's sums added to the last.
    ['CIFAR LeNet conv2 on 3 large images (image groups)', [3, 24, 24, 16], [3, 3, 16, 32], 'valid'],
    ['6 channels on 3 large images (image groups, a block of six)', [3, 40, 40, 6], [3, 3, 6, 12], 'same'],
  ] as const)('%s matches the cpu backend', async (_n, xs, fs, pad) => {
    await tf.setBackend('cpu');
    const expected = filterGrad([...xs], [...fs], 1, pad);
    await tf.setBackend('wasm');
    const { simdKernels } = await import('./simd/simdKernels');
    const spy = vi.spyOn(simdKernels()!, 'filterGrad');
    const buffers = tf.memory().numDataBuffers;
    const actual = filterGrad([...xs], [...fs], 1, pad);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(tf.memory().numDataBuffers).toBe(buffers);
    expect(actual.length).toBe(expected.length);
    expect(Math.max(...Array.from(expected, Math.abs))).toBeGreaterThan(0.5);
    actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(expected[i]))));
  });
});

describe.each([
  ['max', false],
  ['avg', false],
  ['max', true],
] as const)('%sPoolGrad on wasm (SIMD kernels loaded: %s)', (op, simd) => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    if (simd) expect(await loadTestKernels()).not.toBeNull();
  });
  afterAll(() => unloadSimdKernels());

  it.each([
    ['all-negative windows', -5, 2, 2, 'valid', 9],
    ['mixed signs, 3x3 stride 2 same', 0, 3, 2, 'same', 9],
    ['overlapping 3x3 stride 1 valid', 0, 3, 1, 'valid', 9],
    ['ties (values rounded to halves, as after ReLU)', 'ties', 2, 2, 'valid', 9],
    ["2x2 stride 2 same on an even size, with ties (LeNet-5's pools)", 'ties', 2, 2, 'same', 8],
    ['2x2 stride 2 same on an odd size (a padded last row and column)', 0, 2, 2, 'same', 9],
    ['2x2 stride 2 valid on an odd size (the last row and column get no gradient)', 0, 2, 2, 'valid', 9],
  ] as const)('%s match the cpu backend', async (_n, shift, size, stride, pad, hw) => {
    const grad = () =>
      tf.tidy(() => {
        const values = randomArray(2 * hw * hw * 6, 4).map((v) =>
          shift === 'ties' ? Math.max(0, Math.round(v * 2) / 2) : v + shift,
        );
        const x = tf.tensor4d(values, [2, hw, hw, 6]);
        return tf
          .grad((t: tf.Tensor) => {
            const y = (op === 'max' ? tf.maxPool : tf.avgPool)(t as tf.Tensor4D, size, stride, pad);
            return tf.sum(tf.mul(y, tf.tensor(randomArray(y.size, 5), y.shape)));
          })(x)
          .dataSync() as Float32Array;
      });
    await tf.setBackend('cpu');
    const expected = grad();
    await tf.setBackend('wasm');
    const actual = grad();
    // Exact routing: a gradient sent to the wrong input is off by ~0.1; summation order changes ~1e-7.
    expect(actual.length).toBe(expected.length);
    expect(Math.max(...Array.from(actual, (v, i) => Math.abs(v - expected[i])))).toBeLessThan(1e-5);
  });
});
