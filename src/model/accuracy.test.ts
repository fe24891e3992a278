import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { batchAccuracy, oneHotAccuracy } from './accuracy';

describe('oneHotAccuracy', () => {
  it('counts rows whose largest score is at the target, the first on a tie', () => {
    const ys = Float32Array.from([0, 1, 0, 1, 0, 0, 0, 0, 1]);
    expect(oneHotAccuracy(Float32Array.from([0.1, 0.8, 0.1, 2, 1, 0, 0, 0, 5]), ys, 3)).toBe(1);
    // On a tie the first class wins, as tf.argMax picks: row 2 (all equal) is right, row 3 (0 and 2) wrong.
    expect(oneHotAccuracy(Float32Array.from([0, 1, 0, 0, 0, 0, 1, 0, 1]), ys, 3)).toBe(Math.fround(2 / 3));
    expect(oneHotAccuracy(Float32Array.from([-1, -2, -3]), Float32Array.from([1, 0, 0]), 3)).toBe(1);
  });

  it('equals tfjs argMax, equal, cast and mean on random batches (cpu backend)', async () => {
    await tf.setBackend('cpu');
    for (const [n, c] of [
      [1, 10],
      [7, 3],
      [64, 10],
    ]) {
      const logits = tf.randomUniform([n, c], -1, 1, 'float32', n) as tf.Tensor2D;
      const ys = tf.oneHot(tf.randomUniform([n], 0, c, 'int32', n + 1), c).toFloat() as tf.Tensor2D;
      const expected = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(ys, 1)), 'float32'));
      const mine = oneHotAccuracy(logits.dataSync() as Float32Array, ys.dataSync() as Float32Array, c);
      expect(mine).toBe(expected.dataSync()[0]);
      // Without the kernel (cpu has none), batchAccuracy is tfjs's own ops.
      const acc = batchAccuracy(logits, ys);
      expect(acc.dataSync()[0]).toBe(mine);
      tf.dispose([logits, ys, expected, acc]);
    }
  });
});
