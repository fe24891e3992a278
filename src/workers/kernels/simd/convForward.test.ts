import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../registry';
import { simdKernels, unloadSimdKernels } from './simdKernels';
import { mulberry32 } from '../../../model/rng';
import { KERNEL_CASES, loadTestKernels } from '../../../../test/helpers/simdKernels';

const rand = (n: number, seed: number) => Float32Array.from({ length: n }, mulberry32(seed)).map((v) => v * 2 - 1);

// In tfjs's memory as in the page, and in the kernels' own (when their threads cannot share tfjs's); plain and
// relaxed (fused multiply-add) builds.
describe.each(KERNEL_CASES)('convolutions with the kernels %s (%s build)', (mode, build) => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    expect(await loadTestKernels(mode, build)).not.toBeNull();
  });
  afterAll(() => unloadSimdKernels());

  it.each([
    ['LeNet conv1: 5x5 same, 6 filters, bias, ReLU', [4, 28, 28, 1], [5, 5, 1, 6], 'same', true, 'relu'],
    ['3x3 valid, no bias, linear, output 7 wide', [2, 9, 9, 1], [3, 3, 1, 4], 'valid', false, 'linear'],
    ['3 filters (a partial vector)', [2, 8, 10, 1], [3, 3, 1, 3], 'same', true, 'relu'],
    ['12 filters (a partial second vector)', [2, 7, 7, 1], [5, 5, 1, 12], 'same', true, 'linear'],
    ['16 filters (two blocks of 8), 4x4 same', [1, 6, 6, 1], [4, 4, 1, 16], 'same', true, 'relu'],
    ['LeNet conv2 at batch 1: 6 channels, 5x5 valid, 16 filters', [1, 14, 14, 6], [5, 5, 6, 16], 'valid', true, 'relu'],
    ['3 channels (RGB), 3x3 same, 16 filters', [2, 9, 11, 3], [3, 3, 3, 16], 'same', true, 'linear'],
    ['10 channels, 1x1 (a transition), 10 filters', [2, 5, 5, 10], [1, 1, 10, 10], 'valid', false, 'relu'],
    [
      'compact CNN conv1: 10 filters, 26 wide (last 2 in blocks of 8, 4 and 1 pixels)',
      [2, 28, 28, 1],
      [3, 3, 1, 10],
      'valid',
      true,
      'relu',
    ],
    [
      '16 channels in, 10 filters, 3x3 full (an input gradient)',
      [2, 12, 12, 16],
      [3, 3, 16, 10],
      'same',
      true,
      'linear',
    ],
    [
      'LeNet conv2 at batch 64 (15M multiply-adds, once left to XNNPACK)',
      [64, 14, 14, 6],
      [5, 5, 6, 16],
      'valid',
      true,
      'relu',
    ],
  ] as const)('%s matches the cpu backend', async (_n, xs, fs, pad, withBias, activation) => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(
          rand(
            xs.reduce((a: number, b: number) => a * b, 1),
            1,
          ),
          [...xs],
        );
        const filter = tf.tensor4d(
          rand(
            fs.reduce((a: number, b: number) => a * b, 1),
            2,
          ),
          [...fs],
        );
        const bias = withBias ? tf.tensor1d(rand(fs[3], 3)) : undefined;
        const y = tf.fused.conv2d({ x, filter, bias, strides: 1, pad, activation });
        return { shape: y.shape, values: y.dataSync() };
      });
    await tf.setBackend('cpu');
    const expected = run();
    await tf.setBackend('wasm');
    const spy = vi.spyOn(simdKernels()!, 'convForward');
    const actual = run();
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(actual.shape).toEqual(expected.shape);
    expect(Math.max(...Array.from(actual.values, (v, i) => Math.abs(v - expected.values[i])))).toBeLessThan(1e-5);
    expect(Math.max(...Array.from(expected.values, Math.abs))).toBeGreaterThan(0.5);
  });

  it.each([
    ['same', 'same'],
    [
      'explicit, uneven (as the input gradient pads)',
      [
        [0, 0],
        [2, 1],
        [0, 3],
        [0, 0],
      ],
    ],
  ] as const)('runs Conv2D (padding %s) in the SIMD kernel, matching the cpu backend', async (_n, pad) => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(rand(3 * 9 * 8 * 5, 4), [3, 9, 8, 5]);
        const filter = tf.tensor4d(rand(3 * 4 * 5 * 7, 5), [3, 4, 5, 7]);
        const y = tf.conv2d(x, filter, 1, pad as never);
        return { shape: y.shape, values: y.dataSync() };
      });
    await tf.setBackend('cpu');
    const expected = run();
    await tf.setBackend('wasm');
    const spy = vi.spyOn(simdKernels()!, 'convForward');
    const actual = run();
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(actual.shape).toEqual(expected.shape);
    expect(Math.max(...Array.from(actual.values, (v, i) => Math.abs(v - expected.values[i])))).toBeLessThan(1e-5);
    expect(Math.max(...Array.from(expected.values, Math.abs))).toBeGreaterThan(0.5);
  });

  it('leaves other convolutions to the native kernel', async () => {
    await tf.setBackend('wasm');
    const spy = vi.spyOn(simdKernels()!, 'convForward');
    tf.tidy(() => {
      tf.fused
        .conv2d({
          x: tf.ones([1, 6, 6, 1]) as tf.Tensor4D,
          filter: tf.ones([3, 3, 1, 4]) as tf.Tensor4D,
          strides: 2,
          pad: 'same',
        })
        .dataSync();
      tf.fused
        .conv2d({
          x: tf.ones([1, 6, 6, 1]) as tf.Tensor4D,
          filter: tf.ones([3, 3, 1, 4]) as tf.Tensor4D,
          strides: 1,
          pad: 'same',
          activation: 'sigmoid',
        })
        .dataSync();
    });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});
