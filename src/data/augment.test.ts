import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { drawTransform, NO_AUGMENT, transformInto, type SampleTransform } from './augment';
import { makeBatch, previewImages } from './batches';

const W = 28;
/** A 28x28 image with one bright pixel at (x, y). */
function dot(x: number, y: number): Uint8Array {
  const img = new Uint8Array(W * W);
  img[y * W + x] = 255;
  return img;
}
function apply(img: Uint8Array, t: Partial<SampleTransform>, c = 1, w = W): Float32Array {
  const out = new Float32Array(img.length);
  transformInto(
    img,
    img.length / w / c,
    w,
    c,
    { angle: 0, dx: 0, dy: 0, flip: false, ...t },
    out,
    0,
    Array(c).fill(1),
    Array(c).fill(0),
  );
  return out;
}
const brightest = (a: Float32Array) => {
  const i = a.indexOf(Math.max(...a));
  return [i % W, Math.floor(i / W)];
};

describe('augmentation', () => {
  it('shifts by whole pixels exactly, filling with black', () => {
    const out = apply(dot(20, 14), { dx: 3, dy: -2 });
    expect(brightest(out)).toEqual([23, 12]);
    expect(out.reduce((a, b) => a + b, 0)).toBe(255);
    expect(apply(dot(27, 0), { dx: 1 }).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('rotates about the image centre: 90° takes (20, 14) to (13, 20)', () => {
    const out = apply(dot(20, 14), { angle: Math.PI / 2 });
    expect(brightest(out)).toEqual([13, 20]);
    expect(out[20 * W + 13]).toBeCloseTo(255, 6);
  });

  it('flips left-right, channel by channel', () => {
    expect(brightest(apply(dot(3, 9), { flip: true }))).toEqual([24, 9]);
    const rgb = Uint8Array.from([10, 20, 30, 40, 50, 60]); // 1x2 RGB
    expect(Array.from(apply(rgb, { flip: true }, 3, 2))).toEqual([40, 50, 60, 10, 20, 30]);
  });

  it('draws transforms from (seed, epoch, index) alone, within the configured ranges', () => {
    const cfg = { rotation: 15, shift: 2, flip: true, cropPadding: 0 };
    expect(drawTransform(cfg, 42, 1, 7)).toEqual(drawTransform(cfg, 42, 1, 7));
    expect(drawTransform(cfg, 42, 1, 7)).not.toEqual(drawTransform(cfg, 42, 1, 8));
    expect(drawTransform(cfg, 42, 1, 7)).not.toEqual(drawTransform(cfg, 42, 2, 7));
    expect(drawTransform(cfg, 42, 1, 7)).not.toEqual(drawTransform(cfg, 43, 1, 7));
    const ts = Array.from({ length: 2000 }, (_, i) => drawTransform(cfg, 1, 1, i));
    const deg = ts.map((t) => (t.angle * 180) / Math.PI);
    expect(Math.max(...deg)).toBeLessThanOrEqual(15);
    expect(Math.min(...deg)).toBeGreaterThanOrEqual(-15);
    expect(Math.max(...deg) - Math.min(...deg)).toBeGreaterThan(28);
    expect(new Set(ts.map((t) => t.dx))).toEqual(new Set([-2, -1, 0, 1, 2]));
    const flips = ts.filter((t) => t.flip).length;
    expect(flips).toBeGreaterThan(900);
    expect(flips).toBeLessThan(1100);
    expect(drawTransform(NO_AUGMENT, 1, 1, 5)).toEqual({ angle: 0, dx: 0, dy: 0, flip: false });
    const crop = Array.from({ length: 500 }, (_, i) => drawTransform({ ...NO_AUGMENT, cropPadding: 4 }, 1, 1, i).dy);
    expect(new Set(crop)).toEqual(new Set([-4, -3, -2, -1, 0, 1, 2, 3, 4]));
  });

  it('augments a batch the same way for the same seed and epoch, whatever the batch size', () => {
    const split = {
      images: Uint8Array.from({ length: 4 * 784 }, (_, i) => (i * 7) % 256),
      labels: Uint8Array.from([0, 1, 2, 3]),
    };
    const augment = { config: { rotation: 20, shift: 2, flip: false, cropPadding: 0 }, seed: 9, epoch: 3 };
    const order = [3, 1, 0, 2];
    const whole = makeBatch(split, order, 0, 4, [28, 28, 1], 4, { augment });
    const half = makeBatch(split, order, 2, 4, [28, 28, 1], 4, { augment });
    const plain = makeBatch(split, order, 0, 4, [28, 28, 1], 4);
    expect(Array.from(half.xs.dataSync())).toEqual(Array.from(whole.xs.dataSync()).slice(2 * 784));
    expect(Array.from(plain.xs.dataSync())).not.toEqual(Array.from(whole.xs.dataSync()));
    const preview = previewImages(split, order, 0, 2, [28, 28, 1], augment);
    const scaled = Array.from(whole.xs.dataSync().slice(0, 2 * 784), (v) => Math.round(v * 255));
    expect(Array.from(preview)).toEqual(scaled);
    tf.dispose([whole.xs, whole.ys, half.xs, half.ys, plain.xs, plain.ys]);
  });
});
