import * as tf from '@tensorflow/tfjs';

/** uint8 images and labels for one split. */
export interface SplitData {
  labels: Uint8Array;
  images: Uint8Array;
}

/**
 * Gathers samples `indices[from..to)` into float tensors: xs [n, h, w, c] scaled to [0, 1] and
 * one-hot ys [n, classes]. Data stays uint8 until here, so a batch costs only its own floats.
 * The caller disposes both tensors.
 */
export function makeBatch(split: SplitData, indices: ArrayLike<number>, from: number, to: number,
  shape: [number, number, number], classes: number): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const n = to - from;
  const px = shape[0] * shape[1] * shape[2];
  const x = new Float32Array(n * px);
  const y = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) {
    const idx = indices[from + i];
    const src = split.images.subarray(idx * px, (idx + 1) * px);
    const off = i * px;
    for (let j = 0; j < px; j++) x[off + j] = src[j] / 255;
    y[i * classes + split.labels[idx]] = 1;
  }
  return { xs: tf.tensor4d(x, [n, ...shape]), ys: tf.tensor2d(y, [n, classes]) };
}

/** Indices 0..n-1 as an Int32Array (the identity order used for evaluation). */
export function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
