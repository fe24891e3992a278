import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { ONE_HOT_ACCURACY, batchAccuracy } from '../../model/accuracy';

it("one accuracy kernel on wasm gives tfjs's five ops' value, ties included", async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  for (const [n, c, seed] of [
    [1, 10, 1],
    [1, 10, 2],
    [33, 10, 3],
    [500, 10, 4],
    [64, 2, 5],
  ]) {
    // Scores rounded to tenths: many rows tie, and the first of the tied scores must count.
    const logits = tf.tidy(() => tf.round(tf.randomUniform([n, c], -3, 3, 'float32', seed)).div(10)) as tf.Tensor2D;
    const ys = tf.tidy(() => tf.oneHot(tf.randomUniform([n], 0, c, 'int32', seed + 9), c).toFloat()) as tf.Tensor2D;
    const expected = tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(ys, 1)), 'float32')));
    const kernels = (await tf.profile(() => batchAccuracy(logits, ys))).kernels.map((k) => k.name);
    expect(kernels).toEqual([ONE_HOT_ACCURACY]);
    const acc = batchAccuracy(logits, ys);
    expect(acc.shape).toEqual([]);
    expect(acc.dataSync()[0]).toBe(expected.dataSync()[0]);
    tf.dispose([logits, ys, expected, acc]);
  }
});
