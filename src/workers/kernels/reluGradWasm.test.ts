import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { simdKernels, unloadSimdKernels } from './simd/simdKernels';
import { RELU_GRAD_BIAS } from '../../model/layers';
import { mulberry32 } from '../../model/rng';
import { loadTestKernels } from '../../../test/helpers/simdKernels';

const rand = (n: number, seed: number) => Float32Array.from({ length: n }, mulberry32(seed)).map((v) => v * 2 - 1);

describe.each([false, true])('ReluGradBiasSum on wasm (SIMD kernels loaded: %s)', (simd) => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    if (simd) expect(await loadTestKernels()).not.toBeNull();
  });
  afterAll(() => unloadSimdKernels());

  it.each([
    ['6 channels (LeNet conv1)', [4, 7, 7, 6]],
    ['16 channels', [2, 5, 5, 16]],
    ['3 channels (odd), rows not a multiple of 4', [1, 3, 5, 3]],
    ['5 channels, one row', [1, 1, 1, 5]],
    ['6 channels, LeNet conv1 at batch 3', [3, 28, 28, 6]],
    ['3 channels, a period (12 floats) not dividing the whole', [2, 23, 27, 3]],
  ] as const)('%s: g = dy where y > 0, db = g summed per channel', async (_n, shape) => {
    const size = shape.reduce((a: number, b: number) => a * b, 1);
    const dy = tf.tensor(rand(size, 1), [...shape]);
    // Some exact zeros in y: a ReLU output is 0 where the gradient must not pass.
    const y = tf.relu(tf.tensor(rand(size, 2), [...shape]));
    const spy = simd ? vi.spyOn(simdKernels()!, 'reluGradSum') : null;
    const [g, db] = tf.engine().runKernel(RELU_GRAD_BIAS, { dy, y }, {}) as tf.Tensor[];
    if (spy) expect(spy).toHaveBeenCalledTimes(1);
    spy?.mockRestore();
    const dv = dy.dataSync();
    const yv = y.dataSync();
    const c = shape[3];
    const expectedG = Array.from(dv, (v, i) => (yv[i] > 0 ? v : 0));
    const expectedDb = Array.from({ length: c }, (_, j) =>
      expectedG.filter((_v, i) => i % c === j).reduce((a, b) => a + b, 0),
    );
    expect(g.shape).toEqual([...shape]);
    expect(db.shape).toEqual([c]);
    expect(Array.from(g.dataSync())).toEqual(expectedG.map(Math.fround));
    db.dataSync().forEach((v, j) => expect(v).toBeCloseTo(expectedDb[j], 4));
    expect(expectedG.some((v) => v === 0) && expectedG.some((v) => v !== 0)).toBe(true);
    tf.dispose([dy, y, g, db]);
  });
});
