import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeBatch } from './batches';

describe('makeBatch', () => {
  it('gathers the indexed samples, scales each channel by its own transform and one-hot encodes the labels', () => {
    // Three 2x2 RGB images: image k holds 10k + (its value index).
    const images = Uint8Array.from({ length: 3 * 12 }, (_, i) => 10 * Math.floor(i / 12) + (i % 12));
    const split = { images, labels: Uint8Array.from([2, 0, 1]) };
    const pixel = { scale: [1, 2, 0.5], offset: [0, -1, 3] };
    const { xs, ys } = makeBatch(split, [2, 0, 1], 1, 3, [2, 2, 3], 3, { pixel });
    expect(xs.shape).toEqual([2, 2, 2, 3]);
    const expected = [0, 1].flatMap((img) =>
      Array.from({ length: 12 }, (_, j) => (10 * img + j) * pixel.scale[j % 3] + pixel.offset[j % 3]),
    );
    expect(Array.from(xs.dataSync())).toEqual(expected);
    expect(Array.from(ys.dataSync())).toEqual([0, 0, 1, 1, 0, 0]);
    tf.dispose([xs, ys]);
  });

  it('scales one-channel images to [0, 1] by default', () => {
    const split = { images: Uint8Array.from([0, 51, 255, 102]), labels: Uint8Array.from([1]) };
    const { xs, ys } = makeBatch(split, [0], 0, 1, [2, 2, 1], 2);
    expect(Array.from(xs.dataSync())).toEqual([0, 51 / 255, 1, 102 / 255].map(Math.fround));
    expect(Array.from(ys.dataSync())).toEqual([0, 1]);
    tf.dispose([xs, ys]);
  });
});
