import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { unloadSimdKernels } from './simd/simdKernels';
import { simdDropoutMask } from './dropoutWasm';
import { dropoutMask, fillDropoutMask } from '../../model/layers';
import { mulberry32 } from '../../model/rng';
import { loadTestKernels } from '../../../test/helpers/simdKernels';

describe('dropout masks in the SIMD kernel', () => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
  });
  afterAll(() => unloadSimdKernels());

  it('the loop draws mulberry32(seed) once per element: 0 below the rate, 1 / (1 - rate) above', () => {
    const draw = mulberry32(42);
    const m = fillDropoutMask(1000, 42, Math.ceil(0.3 * 4294967296), 1 / 0.7);
    m.forEach((v) => expect(v).toBe(draw() < 0.3 ? 0 : Math.fround(1 / 0.7)));
    const dropped = m.filter((v) => v === 0).length;
    expect(dropped).toBeGreaterThan(240);
    expect(dropped).toBeLessThan(360);
  });

  it('is null until the kernels load (the loop runs)', () => {
    expect(simdDropoutMask(8, 1, 1 << 30, 2)).toBeNull();
  });

  it.each([
    [1001, 7, 0.05],
    [4, -3, 0.5],
    [3, 123456789, 0.25],
    [100003, 2 ** 31 - 5, 0.05],
  ])('%i values, seed %i, rate %f: the same floats as the loop', async (count, seed, rate) => {
    expect(await loadTestKernels()).not.toBeNull();
    const limit = Math.ceil(rate * 4294967296);
    const keep = 1 / (1 - rate);
    const simd = simdDropoutMask(count, seed, limit, keep)!.slice();
    const loop = fillDropoutMask(count, seed, limit, keep);
    expect(simd).toEqual(loop);
    // The long masks hold both values (the short ones may not).
    if (count > 1000) expect(new Set(simd)).toEqual(new Set([0, Math.fround(keep)]));
    // Through dropoutMask, as layers call it: the tensor holds the values, not a view the kernels reuse.
    const t = dropoutMask([count], rate, seed);
    simdDropoutMask(count, seed + 1, limit, keep);
    expect(await t.data()).toEqual(loop);
    t.dispose();
  });
});
