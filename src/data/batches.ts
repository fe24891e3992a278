import * as tf from '@tensorflow/tfjs';
import { drawTransform, transformInto, type AugmentConfig } from './augment';
import { defaultPixelTransform, type PixelTransform } from './normalize';

/** uint8 images and labels for one split. */
export interface SplitData {
  labels: Uint8Array;
  images: Uint8Array;
}

/** How a batch turns uint8 pixels into inputs; defaults to [0, 1] scaling and no augmentation. */
export interface BatchOptions {
  pixel?: PixelTransform;
  /** Augment each sample with the transform drawn for (seed, epoch, sample index). */
  augment?: { config: AugmentConfig; seed: number; epoch: number };
}

const IDENTITY = { angle: 0, dx: 0, dy: 0, flip: false };

/**
 * Gathers samples `indices[from..to)` into float tensors: xs [n, h, w, c] (augmented and
 * normalised as `opts` says) and one-hot ys [n, classes]. Data stays uint8 until here, so a batch
 * costs only its own floats. The caller disposes both tensors.
 */
export function makeBatch(
  split: SplitData,
  indices: ArrayLike<number>,
  from: number,
  to: number,
  shape: [number, number, number],
  classes: number,
  opts: BatchOptions = {},
): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const n = to - from;
  const [h, w, c] = shape;
  const px = h * w * c;
  const x = new Float32Array(n * px);
  const y = new Float32Array(n * classes);
  const { scale, offset: bias } = opts.pixel ?? defaultPixelTransform(c);
  const aug = opts.augment;
  for (let i = 0; i < n; i++) {
    const idx = indices[from + i];
    const src = split.images.subarray(idx * px, (idx + 1) * px);
    const t = aug ? drawTransform(aug.config, aug.seed, aug.epoch, idx) : IDENTITY;
    if (t === IDENTITY) {
      const off = i * px;
      for (let j = 0; j < px; j++) x[off + j] = src[j] * scale[j % c] + bias[j % c];
    } else {
      transformInto(src, h, w, c, t, x, i * px, scale, bias);
    }
    y[i * classes + split.labels[idx]] = 1;
  }
  return { xs: tf.tensor4d(x, [n, ...shape]), ys: tf.tensor2d(y, [n, classes]) };
}

/**
 * The first `count` samples of `indices[from..]` after augmentation, as uint8 images for a
 * preview (0-255, no normalisation), concatenated.
 */
export function previewImages(
  split: SplitData,
  indices: ArrayLike<number>,
  from: number,
  count: number,
  shape: [number, number, number],
  augment: BatchOptions['augment'],
): Uint8Array {
  const [h, w, c] = shape;
  const px = h * w * c;
  const n = Math.min(count, indices.length - from);
  const floats = new Float32Array(n * px);
  const ones = Array.from({ length: c }, () => 1);
  const zeros = Array.from({ length: c }, () => 0);
  for (let i = 0; i < n; i++) {
    const idx = indices[from + i];
    const t = augment ? drawTransform(augment.config, augment.seed, augment.epoch, idx) : IDENTITY;
    transformInto(split.images.subarray(idx * px, (idx + 1) * px), h, w, c, t, floats, i * px, ones, zeros);
  }
  return Uint8Array.from(floats, (v) => Math.round(Math.min(255, Math.max(0, v))));
}

/** Indices 0..n-1 as an Int32Array (the identity order used for evaluation). */
export function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
