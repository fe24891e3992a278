import * as tf from '@tensorflow/tfjs';
import type { PresetId } from '../../src/model/presets';
import { mulberry32 } from '../../src/model/rng';

/** A preset's input shape and one seeded batch of `batch` images with one-hot labels 0..9, for timing steps. */
export function stepBatch(preset: PresetId, batch: number) {
  const shape: [number, number, number] = preset === 'cifar-lenet' ? [32, 32, 3] : [28, 28, 1];
  const rand = mulberry32(3);
  const xs = tf.tensor4d(Float32Array.from({ length: batch * shape[0] * shape[1] * shape[2] }, rand), [
    batch,
    ...shape,
  ]);
  const labels = tf.tensor1d(
    Array.from({ length: batch }, (_, i) => i % 10),
    'int32',
  );
  const ys = tf.oneHot(labels, 10).toFloat();
  labels.dispose();
  return { shape, xs, ys };
}
