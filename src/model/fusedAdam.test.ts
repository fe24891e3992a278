import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { adamStep, FUSED_ADAM, FusedAdamOptimizer } from './fusedAdam';
import { registerWasmTrainingKernels } from '../workers/kernels/registry';
import { unloadSimdKernels } from '../workers/kernels/simd/simdKernels';
import { loadTestKernels } from '../../test/helpers/simdKernels';

describe('adamStep', () => {
  it('takes the first step lr·sign(g) (m̂ = g, v̂ = g²) and keeps m and v', () => {
    const w = Float32Array.from([1, -2, 0.5]);
    const m = new Float32Array(3);
    const v = new Float32Array(3);
    adamStep(w, m, v, Float32Array.from([1, -6, 0]), {
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      learningRate: 0.1,
      c1: 0.1,
      c2: 0.001,
    });
    expect(Array.from(w)).toEqual([Math.fround(0.9), Math.fround(-1.9), 0.5]);
    expect(m[1]).toBeCloseTo(-0.6, 6);
    expect(v[1]).toBeCloseTo(0.036, 6);
  });
});

/** Minimises 0.5·Σ a·w² for 5 steps with `make()`; the weights after each step. */
function run(make: () => tf.Optimizer): number[][] {
  const w = tf.variable(tf.tensor1d([1, -2, 0.25, 3, -0.5, 1.5])); // 6: a SIMD vector and a scalar tail
  const a = tf.tensor1d([1, 3, -2, 0.5, 1, -1]);
  const opt = make();
  const out: number[][] = [];
  for (let i = 0; i < 5; i++) {
    opt.minimize(() => tf.sum(tf.mul(tf.mul(a, w.square()), 0.5)) as tf.Scalar);
    out.push(Array.from(w.dataSync()));
  }
  opt.dispose();
  tf.dispose([w, a]);
  return out;
}

describe('FusedAdamOptimizer', () => {
  afterAll(() => unloadSimdKernels());

  it.each([false, true])(
    'on wasm (SIMD kernels loaded: %s) runs one fused kernel per weight and matches tfjs Adam on the cpu backend',
    async (simd) => {
      registerWasmTrainingKernels();
      if (simd) expect(await loadTestKernels()).not.toBeNull();
      await tf.setBackend('cpu');
      const expected = run(() => tf.train.adam(0.05, 0.8, 0.99, 1e-7));
      await tf.setBackend('wasm');
      expect(tf.getKernel(FUSED_ADAM, 'wasm')).toBeDefined();
      const prof = await tf.profile(() => {
        run(() => new FusedAdamOptimizer(0.05, 0.8, 0.99, 1e-7));
      });
      expect(prof.kernels.filter((k) => k.name === FUSED_ADAM)).toHaveLength(5);
      const tensorsAfter = (make: () => tf.Optimizer) => {
        const before = tf.memory().numTensors;
        run(make);
        return tf.memory().numTensors - before;
      };
      // tfjs's own Adam leaves one tensor behind after dispose(); the fused one adds none to that.
      expect(tensorsAfter(() => new FusedAdamOptimizer(0.05, 0.8, 0.99, 1e-7))).toBe(
        tensorsAfter(() => tf.train.adam(0.05, 0.8, 0.99, 1e-7)),
      );
      const actual = run(() => new FusedAdamOptimizer(0.05, 0.8, 0.99, 1e-7));
      actual.forEach((step, i) => step.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
      expect(actual[4][1]).not.toBeCloseTo(-2, 1); // it moved
    },
  );

  it('falls back to tfjs Adam where the backend has no fused kernel', async () => {
    await tf.setBackend('cpu');
    expect(tf.getKernel(FUSED_ADAM, 'cpu')).toBeUndefined();
    expect(run(() => new FusedAdamOptimizer(0.05, 0.8, 0.99, 1e-7))).toEqual(
      run(() => tf.train.adam(0.05, 0.8, 0.99, 1e-7)),
    );
  });
});
