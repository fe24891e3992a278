import { afterAll, describe, expect, it, beforeAll, vi } from 'vitest';
import { simdKernels, unloadSimdKernels } from './simd/simdKernels';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { SMALL_MATMUL_MACS } from './matMulWasm';
import { mulberry32 } from '../../model/rng';
import { KERNEL_BUILDS as BUILDS, loadTestKernels } from '../../../test/helpers/simdKernels';

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

describe.each(BUILDS)('products on wasm, in our SIMD kernels (matMulSmall, or gemm when large; %s build)', (build) => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await loadTestKernels('inPlace', build);
  });
  afterAll(() => unloadSimdKernels());

  // LeNet-5's dense layers at batch 1 (forward, input and kernel gradients) and odd sizes for the tails.
  it.each([
    ['x . W at batch 1', [1, 400], [400, 120], false, false],
    ['dy . W^T at batch 1', [1, 120], [400, 120], false, true],
    ['x^T . dy at batch 1', [1, 400], [1, 120], true, false],
    ['x^T . dy at batch 3, odd widths', [3, 7], [3, 9], true, false],
    ['dy . W^T, odd inner size', [2, 11], [5, 11], false, true],
    ['both transposed', [5, 4], [6, 5], true, true],
    ['batched, one batch', [1, 3, 5], [1, 5, 6], false, false],
    ['x . W at batch 64 (large: gemm), 13 columns', [64, 400], [400, 13], false, false],
    ['x^T . dy at batch 64 (large: gemm on A transposed), 7 rows past a block of 4', [64, 403], [64, 120], true, false],
    ['dy . W^T at batch 64 (large: B transposed, then gemm)', [64, 120], [401, 120], false, true],
    ['both transposed, large', [300, 66], [120, 300], true, true],
  ] as const)('%s matches the cpu backend within 1e-4 relative', async (_n, as, bs, ta, tb) => {
    expect(simdKernels()).not.toBeNull();
    const product = () =>
      tf.tidy(() => {
        // Some zeros in a, as ReLU leaves them: the kernel skips their rows.
        const a = tf.relu(random([...as], 3));
        return tf.matMul(a, random([...bs], 4), ta, tb).dataSync() as Float32Array;
      });
    await tf.setBackend('cpu');
    const expected = product();
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const [m, k] = ta ? [as.at(-1)!, as.at(-2)!] : [as.at(-2)!, as.at(-1)!];
    const n = tb ? bs.at(-2)! : bs.at(-1)!;
    const large = m * k * n > SMALL_MATMUL_MACS;
    const spy = vi.spyOn(simdKernels()!, large ? 'gemm' : 'matMulSmall');
    // A large product's B stored transposed is transposed by our kernel, not tfjs's Transpose.
    const transpose = vi.spyOn(simdKernels()!, 'channelsFirst');
    const actual = product();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(transpose).toHaveBeenCalledTimes(large && tb ? 1 : 0);
    spy.mockRestore();
    transpose.mockRestore();
    expect(tf.memory().numTensors).toBe(before);
    expect(actual.length).toBe(expected.length);
    const scale = Math.max(...Array.from(expected, Math.abs));
    const worst = Math.max(...Array.from(actual, (v, i) => Math.abs(v - expected[i])));
    expect(worst / scale).toBeLessThan(1e-4);
  });
});

describe.each(BUILDS)('small fused products (a dense layer) on wasm, in our SIMD kernel (%s build)', (build) => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await loadTestKernels('inPlace', build);
  });
  afterAll(() => unloadSimdKernels());

  it.each([
    ['a 1998 LeNet-5 dense layer at batch 1: bias, linear', [1, 400], [400, 120], false, false, true, 'linear'],
    ['bias and ReLU, odd widths', [3, 7], [7, 9], false, false, true, 'relu'],
    ['no bias, ReLU, B transposed', [2, 11], [5, 11], false, true, false, 'relu'],
    ['bias, A transposed', [6, 3], [6, 4], true, false, true, 'linear'],
    ['sigmoid: the native kernel', [2, 5], [5, 3], false, false, true, 'sigmoid'],
  ] as const)('%s matches the cpu backend', async (_n, as, bs, ta, tb, withBias, activation) => {
    const run = () =>
      tf.tidy(() => {
        const n = tb ? bs[0] : bs[1];
        return tf.fused
          .matMul({
            a: random([...as], 5),
            b: random([...bs], 6),
            transposeA: ta,
            transposeB: tb,
            bias: withBias ? random([n], 7) : undefined,
            activation,
          })
          .dataSync() as Float32Array;
      });
    await tf.setBackend('cpu');
    const expected = run();
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const actual = run();
    expect(tf.memory().numTensors).toBe(before);
    expect(actual.length).toBe(expected.length);
    const scale = Math.max(...Array.from(expected, Math.abs));
    const worst = Math.max(...Array.from(actual, (v, i) => Math.abs(v - expected[i])));
    expect(worst / scale).toBeLessThan(1e-5);
    if (activation === 'relu') expect(Array.from(actual).some((v) => v === 0)).toBe(true);
  });
});
