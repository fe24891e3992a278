import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fineTune } from './finetune';
import { buildModel, predictProbs } from './build';
import { tinyMlp } from '../../test/helpers/bandData';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('fine-tuning', () => {
  it("teaches a model a new sample's label in a few steps and leaves no tensor behind", async () => {
    const model = buildModel(tinyMlp, 1);
    const sample = Float32Array.from({ length: 784 }, (_, i) => ((i * 7) % 13) / 13);
    const probOf3 = () => tf.tidy(() => predictProbs(model, tf.tensor4d(sample, [1, 28, 28, 1])).dataSync()[3]);
    const before = probOf3();
    const tensors = tf.memory().numTensors;
    const loss = await fineTune(
      model,
      () =>
        tf.tidy(() => ({
          xs: tf.tensor4d(sample, [1, 28, 28, 1]),
          ys: tf.oneHot(tf.tensor1d([3], 'int32'), 10).toFloat() as tf.Tensor2D,
        })),
      20,
      0.01,
    );
    expect(probOf3()).toBeGreaterThan(0.9);
    expect(before).toBeLessThan(0.5);
    expect(loss).toBeLessThan(0.2);
    expect(tf.memory().numTensors).toBe(tensors);
    model.dispose();
  });
});
