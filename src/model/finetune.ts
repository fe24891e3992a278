import * as tf from '@tensorflow/tfjs';
import { trainStep, type LossId } from './train';

/**
 * Fine-tunes `model` in place for `steps` steps of Adam at `learningRate` on batches from
 * `batch(step)` (the caller mixes the new samples with replayed old ones, so the model does not
 * forget what it knew). Returns the mean loss of the last few steps. Disposes what it makes.
 */
export async function fineTune(
  model: tf.LayersModel,
  batch: (step: number) => { xs: tf.Tensor4D; ys: tf.Tensor2D },
  steps: number,
  learningRate: number,
  loss: LossId = 'crossEntropy',
): Promise<number> {
  const optimizer = tf.train.adam(learningRate);
  const recent: number[] = [];
  try {
    for (let s = 0; s < steps; s++) {
      const { xs, ys } = batch(s);
      const [l, acc] = trainStep(model, optimizer, xs, ys, { loss });
      recent.push((await l.data())[0]);
      tf.dispose([l, acc, xs, ys]);
    }
  } finally {
    optimizer.dispose();
  }
  const tail = recent.slice(-5);
  return tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length);
}
