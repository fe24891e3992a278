import * as tf from '@tensorflow/tfjs';
import type { TrainData } from '../../src/model/train';
import type { ModelSpec } from '../../src/model/spec';
import { mulberry32 } from '../../src/model/rng';

/**
 * A small learnable dataset for tests: 28x28 images whose class (0-9) is the row of a bright
 * horizontal band, plus noise. Deterministic for a seed.
 */
export function bandData(
  trainCount: number,
  testCount: number,
  seed = 1,
): TrainData & { images: Float32Array[]; labels: number[] } {
  const rand = mulberry32(seed);
  const n = trainCount + testCount;
  const images: Float32Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 10;
    const img = new Float32Array(784).map(() => rand() * 0.2);
    const row = 2 + label * 2 + Math.floor(rand() * 2);
    for (let x = 4; x < 24; x++) img[row * 28 + x] = 1;
    images.push(img);
    labels.push(label);
  }
  return {
    images,
    labels,
    trainCount,
    testCount,
    classes: 10,
    batch(split, order, from, to) {
      const off = split === 'train' ? 0 : trainCount;
      const idx = Array.from({ length: to - from }, (_, i) => off + order[from + i]);
      const x = new Float32Array(idx.length * 784);
      idx.forEach((k, i) => x.set(images[k], i * 784));
      const ys = tf.tidy(
        () =>
          tf
            .oneHot(
              tf.tensor1d(
                idx.map((k) => labels[k]),
                'int32',
              ),
              10,
            )
            .toFloat() as tf.Tensor2D,
      );
      return { xs: tf.tensor4d(x, [idx.length, 28, 28, 1]), ys };
    },
  };
}

/** A small MLP for fast loop tests on the cpu backend. */
export const tinyMlp: ModelSpec = {
  inputShape: [28, 28, 1],
  classes: 10,
  layers: [
    { kind: 'flatten' },
    { kind: 'dense', units: 32, activation: 'relu', init: { kind: 'glorotUniform' } },
    { kind: 'output', init: { kind: 'glorotUniform' } },
  ],
};
