import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createOptimizer } from './optimizers';
import type { OptimizerId } from './optimizerIds';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Minimises f(w) = 0.5 * sum(a * w²) (gradient a * w) for `steps` steps; returns w after each. */
function run(id: OptimizerId, lr: number, steps: number): number[][] {
  const w = tf.variable(tf.tensor1d([1, -2]));
  const a = tf.tensor1d([1, 3]);
  const opt = createOptimizer(id, lr);
  const out: number[][] = [];
  for (let i = 0; i < steps; i++) {
    opt.minimize(() => tf.sum(tf.mul(tf.mul(a, w.square()), 0.5)) as tf.Scalar);
    out.push(Array.from(w.dataSync()));
  }
  const before = tf.memory().numTensors;
  opt.dispose();
  expect(tf.memory().numTensors).toBeLessThan(before);
  tf.dispose([w, a]);
  return out;
}

describe('Adam-family optimizers (hand-computed steps, b1 0.9, b2 0.999)', () => {
  it('AdamW: the first step is lr·sign(g) plus decoupled decay lr·wd·w', () => {
    // g = [1, -6]; m̂ = g, v̂ = g², so m̂/sqrt(v̂) = sign(g); decay adds 0.01·w.
    const [s1, s2] = run('adamw', 0.1, 2);
    expect(s1[0]).toBeCloseTo(1 - 0.1 * (1 + 0.01 * 1), 6); // 0.899
    expect(s1[1]).toBeCloseTo(-2 - 0.1 * (-1 + 0.01 * -2), 6); // -1.898
    // Step 2 by hand for w0: g = 0.899; m = 0.9·0.1 + 0.1·0.899 = 0.1799; v = 0.999·0.001 + 0.001·0.899²
    const m = 0.09 + 0.0899;
    const v = 0.999 * 0.001 + 0.001 * 0.899 ** 2;
    const expected = 0.899 - 0.1 * (m / 0.19 / (Math.sqrt(v / (1 - 0.999 ** 2)) + 1e-8) + 0.01 * 0.899);
    expect(s2[0]).toBeCloseTo(expected, 6);
  });

  it('NAdam: Nesterov look-ahead mixes the corrected momentum and the raw gradient', () => {
    const [s1] = run('nadam', 0.1, 1);
    // t = 1: m = 0.1 g; num = 0.9·m/(1-0.9²) + 0.1·g/0.1 = (0.09/0.19 + 1)·g; denom = |g|
    const k = 0.09 / 0.19 + 1;
    expect(s1[0]).toBeCloseTo(1 - 0.1 * k, 6);
    expect(s1[1]).toBeCloseTo(-2 + 0.1 * k, 6);
  });

  it('AdaBelief: steps scale with the belief (g - m)², not g²', () => {
    const [s1, s2] = run('adabelief', 0.1, 2);
    // t = 1: m = 0.1 g; s = 0.001 (g - 0.1 g)² + eps = 0.001·0.81 g²; ŝ = 0.81 g²; step = 0.1 g / (0.9 |g|)
    expect(s1[0]).toBeCloseTo(1 - 0.1 / 0.9, 6);
    expect(s1[1]).toBeCloseTo(-2 + 0.1 / 0.9, 6);
    // t = 2 for w0, by hand
    const w1 = 1 - 0.1 / 0.9;
    const m1 = 0.1,
      s1v = 0.001 * 0.81;
    const m2 = 0.9 * m1 + 0.1 * w1;
    const sv = 0.999 * s1v + 0.001 * (w1 - m2) ** 2 + 1e-16;
    expect(s2[0]).toBeCloseTo(w1 - (0.1 * (m2 / 0.19)) / (Math.sqrt(sv / (1 - 0.999 ** 2)) + 1e-16), 6);
  });

  it.each(['sgd', 'momentum', 'rmsprop', 'adam', 'adamw', 'nadam', 'adabelief'] as const)(
    '%s decreases the loss',
    (id) => {
      const steps = run(id, 0.05, 30);
      const loss = (w: number[]) => 0.5 * (w[0] ** 2 + 3 * w[1] ** 2);
      expect(loss(steps[29])).toBeLessThan(loss([1, -2]) / 2);
    },
  );
});
