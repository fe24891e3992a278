import { describe, expect, it, beforeAll, afterAll, vi } from 'vitest';
import { simdKernels, unloadSimdKernels } from './simd/simdKernels';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { blockRepeats } from './tileWasm';
import { allButLast } from './channelSumWasm';
import { loadTestKernels } from '../../../test/helpers/simdKernels';

describe('blockRepeats', () => {
  it('counts whole copies only when x repeats as one block', () => {
    expect(blockRepeats([1, 1, 1, 16], [64, 24, 24, 1])).toBe(64 * 24 * 24);
    expect(blockRepeats([1, 3], [5, 1])).toBe(5);
    expect(blockRepeats([2, 3], [1, 1])).toBe(1);
    expect(blockRepeats([2, 3], [2, 1])).toBeNull(); // a repeated axis of size 2
    expect(blockRepeats([1, 3], [1, 2])).toBeNull(); // repeats the last axis
    expect(blockRepeats([3, 1], [1, 4])).toBeNull(); // repeated axis after a kept one
  });
});

describe('Tile on wasm', () => {
  beforeAll(() => registerWasmTrainingKernels());

  it.each([
    ['BatchNorm broadcast', [1, 1, 1, 5], [3, 4, 2, 1]],
    ['odd copy count', [1, 3], [7, 1]],
    ['general tiling', [2, 3], [2, 2]],
    ["global average pooling's gradient", [4, 1, 1, 3], [1, 6, 5, 1]],
    ['every axis repeated', [2, 3, 2], [3, 2, 4]],
  ] as const)('%s matches the cpu backend', async (_n, shape, reps) => {
    const run = () =>
      tf.tidy(() => {
        const n = shape.reduce((a: number, b: number) => a * b, 1);
        return Array.from(
          tf
            .tile(
              tf.tensor(
                Array.from({ length: n }, (_, i) => i + 0.5),
                [...shape],
              ),
              [...reps],
            )
            .dataSync(),
        );
      });
    await tf.setBackend('cpu');
    const expected = run();
    await tf.setBackend('wasm');
    expect(run()).toEqual(expected);
  });
});

describe('per-channel Sum and Mean on wasm', () => {
  beforeAll(() => registerWasmTrainingKernels());

  it('allButLast recognises per-channel reductions only', () => {
    expect(allButLast([0, 1, 2], 4)).toBe(true);
    expect(allButLast([-4, -3, -2], 4)).toBe(true);
    expect(allButLast([0, 1], 4)).toBe(false);
    expect(allButLast([1, 2, 3], 4)).toBe(false);
    expect(allButLast(0, 2)).toBe(true);
  });

  it.each([
    ['sum, NHWC to C', 'sum', [3, 4, 5, 6], [0, 1, 2], false],
    ['mean, keepDims', 'mean', [2, 3, 3, 4], [0, 1, 2], true],
    ['sum over one axis (native kernel)', 'sum', [3, 4, 5], [1], false],
  ] as const)('%s matches the cpu backend', async (_n, op, shape, axis, keep) => {
    const run = () =>
      tf.tidy(() => {
        const n = shape.reduce((a: number, b: number) => a * b, 1);
        const x = tf.tensor(
          Array.from({ length: n }, (_, i) => Math.sin(i)),
          [...shape],
        );
        const y = (op === 'sum' ? tf.sum : tf.mean)(x, [...axis], keep);
        return { shape: y.shape, values: Array.from(y.dataSync()).map((v) => v.toFixed(5)) };
      });
    await tf.setBackend('cpu');
    const expected = run();
    await tf.setBackend('wasm');
    expect(run()).toEqual(expected);
  });
});

describe('large per-channel Sum and Mean with the SIMD kernels', () => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    expect(await loadTestKernels()).not.toBeNull();
  });
  afterAll(() => unloadSimdKernels());

  it.each([
    ["sum, 6 channels (LeNet conv1's bias gradient)", 'sum', [8, 28, 28, 6], false],
    ['mean, 3 channels, keepDims', 'mean', [4, 40, 40, 3], true],
    ['sum, 16 channels', 'sum', [4, 16, 16, 16], false],
  ] as const)('%s matches the cpu backend', async (_n, op, shape, keep) => {
    const run = () =>
      tf.tidy(() => {
        const n = shape.reduce((a: number, b: number) => a * b, 1);
        const x = tf.tensor(
          Array.from({ length: n }, (_, i) => Math.sin(i) + 0.25),
          [...shape],
        );
        const y = (op === 'sum' ? tf.sum : tf.mean)(x, [0, 1, 2], keep);
        return { shape: y.shape, values: Array.from(y.dataSync()) };
      });
    await tf.setBackend('cpu');
    const expected = run();
    await tf.setBackend('wasm');
    const spy = vi.spyOn(simdKernels()!, 'reluGradSum');
    const actual = run();
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(actual.shape).toEqual(expected.shape);
    actual.values.forEach((v, i) =>
      expect(Math.abs(v - expected.values[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected.values[i]))),
    );
  });
});
