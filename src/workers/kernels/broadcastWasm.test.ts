import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { mulberry32 } from '../../model/rng';

const random = (shape: number[], seed: number) => {
  const r = mulberry32(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  // Away from zero, so RealDiv stays tame.
  return tf.tensor(
    Float32Array.from({ length: n }, () => 0.5 + r()),
    shape,
  );
};

describe('per-channel broadcasts on wasm', () => {
  beforeAll(() => registerWasmTrainingKernels());

  const ops = { Add: tf.add, Sub: tf.sub, Multiply: tf.mul, RealDiv: tf.div } as const;
  it.each(
    (Object.keys(ops) as (keyof typeof ops)[]).flatMap((op) => [
      [op, [8, 13, 13, 10], [10]],
      [op, [1, 1, 1, 10], [8, 13, 13, 10]],
      [op, [8, 13, 13, 10], [8, 13, 13, 10]],
      [op, [100, 64], [1, 64]],
      [op, [8, 13, 13, 10], [13, 1, 10]], // another broadcast: the native kernel's
      [op, [5], [2, 5]], // too small to copy
    ]),
  )('%s of %j and %j matches the cpu backend, leaving no tensor behind', async (op, as, bs) => {
    const run = () => tf.tidy(() => ops[op](random(as, 1), random(bs, 2)).dataSync() as Float32Array);
    await tf.setBackend('cpu');
    const expected = run();
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const actual = run();
    expect(tf.memory().numTensors).toBe(before);
    expect(actual.length).toBe(expected.length);
    const worst = Math.max(...Array.from(actual, (v, i) => Math.abs(v - expected[i]) / Math.abs(expected[i])));
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('batch normalisation with given statistics on wasm', () => {
  beforeAll(() => registerWasmTrainingKernels());

  it.each([
    ['scale and offset, [C] statistics', [8, 13, 13, 10], [10], true, true],
    ['no scale, [1, 1, 1, C] statistics', [8, 13, 13, 10], [1, 1, 1, 10], false, true],
    ['no offset, dense activations', [100, 64], [64], true, false],
    ['too small: the native kernel', [2, 2, 2, 3], [3], true, true],
  ] as const)('%s matches the cpu backend', async (_n, xs, ss, withScale, withOffset) => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.sub(random([...xs], 1), 1);
        const variance = random([...ss], 3);
        return tf
          .batchNorm(
            x,
            tf.sub(random([...ss], 2), 1),
            variance,
            withOffset ? random([...ss], 4) : undefined,
            withScale ? random([...ss], 5) : undefined,
            1e-3,
          )
          .dataSync() as Float32Array;
      });
    await tf.setBackend('cpu');
    const expected = run();
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const actual = run();
    expect(tf.memory().numTensors).toBe(before);
    const scale = Math.max(...Array.from(expected, Math.abs));
    const worst = Math.max(...Array.from(actual, (v, i) => Math.abs(v - expected[i])));
    expect(worst / scale).toBeLessThan(1e-6);
  });
});
